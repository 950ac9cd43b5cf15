package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.common.prom.PromSample;
import io.inferdeck.control.metrics.GatewayMetricNames;
import io.inferdeck.control.metrics.ParsedMetrics;
import io.inferdeck.control.supervisor.FreePorts;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that arrive while no upstream is healthy but one is coming back wait for it (bounded in time and
 * in number), over real loopback HTTP: the upstream is a port nothing listens on until the test starts a
 * {@link TestUpstream} there.
 */
class GatewayHoldTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int port;
    private final URI down;
    private TestUpstream back;
    private GatewayFixture f;

    GatewayHoldTest() throws java.io.IOException {
        port = FreePorts.allocate();   // nothing listens there until a test brings the upstream back
        down = URI.create("http://127.0.0.1:" + port);
    }

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
        if (back != null) {
            back.close();
        }
    }

    @Test
    void requestHeldWhileTheUpstreamRestartsIsForwardedOnceItIsBackAndCountedAsQueueTime() throws Exception {
        f = new GatewayFixture(GatewayFixture.quick().withHold(Duration.ofSeconds(20), 4), List.of(down), () -> true);
        CompletableFuture<HttpResponse<String>> held = postAsync(GatewayFixture.CHAT);
        awaitHolding(1);
        Thread.sleep(300);   // the upstream stays away a while: the request must not be answered meanwhile
        assertThat(held).isNotDone();
        back = new TestUpstream("alpha", port);
        HttpResponse<String> r = held.get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"model\":\"alpha\"");
        assertThat(back.chats.get()).isEqualTo(1);
        assertThat(f.gateway.holding()).isZero();
        ParsedMetrics page = ParsedMetrics.parse(f.get("/metrics").body());
        assertThat(sum(page, GatewayMetricNames.QUEUE + "_count")).isEqualTo(1.0);
        assertThat(sum(page, GatewayMetricNames.QUEUE + "_sum")).isGreaterThanOrEqualTo(0.3);
        assertThat(f.gateway.requestLog().latest(1).getFirst().queueMs()).isGreaterThanOrEqualTo(300.0);
        assertThat(f.post("/v1/chat/completions", GatewayFixture.CHAT).statusCode()).isEqualTo(200);   // the watched connection still serves
    }

    @Test
    void requestHeldLongerThanTheHoldGets503() throws Exception {
        f = new GatewayFixture(GatewayFixture.quick().withHold(Duration.ofMillis(400), 4), List.of(down), () -> true);
        long start = System.nanoTime();
        HttpResponse<String> r = f.post("/v1/chat/completions", GatewayFixture.CHAT);
        assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(400.0);   // it did wait the hold
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("no_healthy_upstream");
        assertThat(f.gateway.holding()).isZero();
    }

    @Test
    void moreWaitersThanTheCapGet429WithRetryAfterInOpenAiShape() throws Exception {
        f = new GatewayFixture(GatewayFixture.quick().withHold(Duration.ofMillis(9500), 1), List.of(down), () -> true);
        CompletableFuture<HttpResponse<String>> first = postAsync(GatewayFixture.CHAT);
        awaitHolding(1);
        HttpResponse<String> second = f.post("/v1/chat/completions", GatewayFixture.CHAT);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("10");
        JsonNode error = JSON.readTree(second.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.has("param")).isTrue();
        assertThat(first).isNotDone();   // the cap refused the newcomer, not the one already waiting
        back = new TestUpstream("alpha", port);
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void clientThatDisconnectsWhileWaitingLeavesTheWait() throws Exception {
        f = new GatewayFixture(GatewayFixture.quick().withHold(Duration.ofSeconds(60), 4), List.of(down), () -> true);
        byte[] body = GatewayFixture.CHAT.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.gateway.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            awaitHolding(1);
        }
        awaitHolding(0);   // long before the 60 s hold ends
        assertThat(f.gateway.requestLog().latest(1).getFirst().status()).isEqualTo(499);
    }

    @Test
    void upstreamNobodyBringsBackAnswers503AtOnceDespiteTheHold() throws Exception {
        f = new GatewayFixture(GatewayFixture.quick().withHold(Duration.ofSeconds(60), 4), List.of(down), () -> false);
        CompletableFuture<HttpResponse<String>> r = postAsync(GatewayFixture.CHAT);
        assertThat(r.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(503);   // far below the 60 s hold
        assertThat(f.gateway.holding()).isZero();
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return f.http.sendAsync(HttpRequest.newBuilder(f.url("/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHolding(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (f.gateway.holding() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(f.gateway.holding()).isEqualTo(n);
    }

    private static double sum(ParsedMetrics page, String name) {
        return page.series(name).stream().mapToDouble(PromSample::value).sum();
    }
}
