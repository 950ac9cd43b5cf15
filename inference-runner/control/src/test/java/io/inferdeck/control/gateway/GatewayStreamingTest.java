package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SSE through the gateway, a client that hangs up mid-stream, and the request log of both. */
class GatewayStreamingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestUpstream up;
    private GatewayFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
        if (up != null) {
            up.close();
        }
    }

    @Test
    void streamedEventsPassThroughAndTheLogRecordsTimingsAndTokens() throws Exception {
        up = new TestUpstream("alpha");
        up.tokens = 4;
        f = new GatewayFixture(GatewayFixture.quick(), List.of(up.baseUrl()));
        HttpResponse<String> r = f.post("/v1/chat/completions", GatewayFixture.CHAT_STREAM);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(r.body()).contains("\"content\":\"t0\"", "\"content\":\"t3\"", "data: [DONE]");
        up.usage = false;
        assertThat(f.post("/v1/chat/completions", GatewayFixture.CHAT_STREAM).statusCode()).isEqualTo(200);

        JsonNode page = JSON.readTree(f.get(GatewayHandler.REQUESTS_PATH + "?limit=5").body());
        assertThat(page.path("capacity").asInt()).isEqualTo(2000);
        JsonNode newest = page.path("requests").get(0);
        JsonNode older = page.path("requests").get(1);
        assertThat(page.path("requests")).hasSize(2);
        assertThat(older.path("tokensIn").asLong()).isEqualTo(7);           // from the engine's usage
        assertThat(older.path("tokensOut").asLong()).isEqualTo(4);
        assertThat(older.path("estimated").asBoolean()).isFalse();
        assertThat(newest.path("tokensOut").asLong()).isEqualTo(4);         // counted from the stream
        assertThat(newest.path("tokensIn").asLong()).isEqualTo(("hello there".length() + 3) / 4);
        assertThat(newest.path("estimated").asBoolean()).isTrue();
        assertThat(newest.path("model").asText()).isEqualTo("m1");
        assertThat(newest.path("upstream").asText()).isEqualTo("u0");
        assertThat(newest.path("status").asInt()).isEqualTo(200);
        assertThat(newest.path("keyId").asText()).isEqualTo("none");
        double ttft = newest.path("ttftMs").asDouble();
        assertThat(ttft).isPositive().isLessThanOrEqualTo(newest.path("e2eMs").asDouble());
        assertThat(newest.path("e2eMs").asDouble()).isGreaterThanOrEqualTo(3 * up.tokenGapMs);
        assertThat(JSON.readTree(f.get(GatewayHandler.REQUESTS_PATH + "?limit=1").body()).path("requests")).hasSize(1);
    }

    @Test
    void clientHangingUpMidStreamAbortsTheUpstreamRequest() throws Exception {
        up = new TestUpstream("alpha");
        up.tokens = 400;
        up.tokenGapMs = 20;   // 8 s of stream unless someone hangs up
        f = new GatewayFixture(GatewayFixture.quick(), List.of(up.baseUrl()));
        HttpRequest req = HttpRequest.newBuilder(f.url("/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayFixture.CHAT_STREAM)).build();
        HttpResponse<InputStream> r = f.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            assertThat(reader.readLine()).startsWith("data: ");
        }   // closing the body stream before its end closes the client's connection
        f.http.close();
        assertThat(up.disconnected.await(5, TimeUnit.SECONDS)).as("the test upstream saw the disconnect").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (f.gateway.requestLog().latest(1).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(f.gateway.requestLog().latest(1)).singleElement()
                .satisfies(rec -> assertThat(rec.outcome()).isEqualTo(RequestRecord.Outcome.ABORTED));
    }
}
