package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.gateway.filter.TextMasker;
import io.inferdeck.control.metrics.GatewayMetricNames;
import io.inferdeck.control.metrics.ParsedMetrics;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's side of live safety over loopback, with a stand-in filter ({@link WordFilter}): what reaches the
 * upstream, refusals, SSE and JSON replies re-written or stopped, the request log, metrics and capture.
 */
class GatewaySafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private TestUpstream up;
    private GatewayFixture f;
    private WordFilter filter;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
        if (up != null) {
            up.close();
        }
    }

    private void start(boolean hold, boolean capture) throws Exception {
        up = new TestUpstream("alpha");
        filter = new WordFilter(hold);
        f = new GatewayFixture(GatewayFixture.quick(), List.of(up.baseUrl()),
                GatewayExtensions.safety(Optional.of(filter), capture ? Optional.of(WordFilter.MASKER) : Optional.<TextMasker>empty()));
    }

    static String chat(boolean stream, String... userTexts) {
        StringBuilder messages = new StringBuilder("{\"role\":\"system\",\"content\":\"be brief\"}");
        for (String t : userTexts) {
            messages.append(",{\"role\":\"user\",\"content\":").append(JSON.valueToTree(t).toString()).append('}');
        }
        return "{\"model\":\"m1\",\"temperature\":0.25,\"stream\":" + stream + ",\"messages\":[" + messages + "]}";
    }

    private JsonNode newest() throws Exception {
        return JSON.readTree(f.get(GatewayHandler.REQUESTS_PATH + "?limit=1").body()).path("requests").get(0);
    }

    @Test
    void personalDataIsMaskedInEveryPromptFieldBeforeTheUpstreamSeesIt() throws Exception {
        start(false, false);
        HttpResponse<String> r = f.post(CHAT, chat(false, "my SECRET is", "again SECRET"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String parts = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a SECRET\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://x/SECRET.png\"}}]}],\"prompt\":[\"p SECRET\",\"q\"]}";
        assertThat(f.post(CHAT, parts).statusCode()).isEqualTo(200);

        assertThat(up.bodies).hasSize(2);
        JsonNode first = JSON.readTree(up.bodies.get(0));
        assertThat(first.path("messages").get(1).path("content").asText()).isEqualTo("my ****** is");
        assertThat(first.path("messages").get(2).path("content").asText()).isEqualTo("again ******");
        assertThat(first.path("temperature").asDouble()).isEqualTo(0.25);   // the rest of the body as sent
        assertThat(first.path("model").asText()).isEqualTo("m1");
        JsonNode second = JSON.readTree(up.bodies.get(1));
        assertThat(second.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo("a ******");
        assertThat(second.path("prompt").get(0).asText()).isEqualTo("p ******");
        assertThat(second.path("messages").get(0).path("content").get(1).path("image_url").path("url").asText())
                .as("not a prompt text: not read").isEqualTo("http://x/SECRET.png");
        assertThat(newest().path("safety").asText()).isEqualTo("masked");
        assertThat(newest().has("prompt")).as("capture is off").isFalse();

        assertThat(f.post(CHAT, chat(false, "plain")).statusCode()).isEqualTo(200);
        assertThat(up.bodies.get(2)).as("nothing masked: forwarded byte for byte").isEqualTo(chat(false, "plain"));
        assertThat(newest().path("safety").asText()).isEqualTo("pass");
    }

    @Test
    void aBlockedRequestIs400ContentPolicyAndNeverReachesTheUpstream() throws Exception {
        start(false, false);
        HttpResponse<String> r = f.post(CHAT, chat(true, "hello", "how to BOMB"));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("content_policy");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("words", "rule:weapons");
        assertThat(up.chats.get()).isZero();
        assertThat(up.bodies).isEmpty();
        JsonNode rec = newest();
        assertThat(rec.path("safety").asText()).isEqualTo("blocked");
        assertThat(rec.path("status").asInt()).isEqualTo(400);
        assertThat(rec.path("outcome").asText()).isEqualTo("rejected");

        HttpResponse<String> notJson = f.post(CHAT, "model=m1&prompt=SECRET");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).path("error").path("code").asText()).isEqualTo("invalid_json");
        assertThat(up.bodies).as("an unreadable body is not forwarded unfiltered").isEmpty();
    }

    @Test
    void reviewForwardsAndQueuesWhileHoldRefusesUntilReviewed() throws Exception {
        start(false, false);
        assertThat(f.post(CHAT, chat(false, "a borderline question")).statusCode()).isEqualTo(200);
        assertThat(up.chats.get()).isEqualTo(1);
        assertThat(newest().path("safety").asText()).isEqualTo("review");
        f.close();
        up.close();

        start(true, false);
        HttpResponse<String> held = f.post(CHAT, chat(false, "a borderline question"));
        assertThat(held.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(held.body()).path("error").path("code").asText()).isEqualTo("content_review_pending");
        assertThat(up.chats.get()).isZero();
        assertThat(newest().path("safety").asText()).isEqualTo("review");
        assertThat(newest().path("status").asInt()).isEqualTo(403);
    }

    @Test
    void aStreamedReplyIsMaskedAcrossEventsWithItsFramingKept() throws Exception {
        start(false, false);
        up.deltas = List.of("my SEC", "RET is", " here, SECRET", "");
        HttpResponse<String> r = f.post(CHAT, chat(true, "hi"));
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: {")) {
                events.add(JSON.readTree(line.substring(6)));
            } else {
                assertThat(line).as("only events and the blank lines between them").isIn("", "data: [DONE]");
            }
        }
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.path("choices").path(0).path("delta").path("content").asText("")));
        assertThat(text.toString()).isEqualTo("my ****** is here, ******");
        assertThat(r.body()).doesNotContain("SEC\"", "\"RET").endsWith("data: [DONE]\n\n");
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> assertThat(e.path("id").asText()).isEqualTo("c1"));
        assertThat(events.getLast().path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(newest().path("safety").asText()).isEqualTo("masked");
    }

    @Test
    void aBlockMidStreamCancelsTheUpstreamAndEndsWithAnErrorEvent() throws Exception {
        start(false, false);
        List<String> pieces = new ArrayList<>(List.of("fine ", "then BO", "MB"));
        for (int i = 0; i < 300; i++) {
            pieces.add(" more");
        }
        up.deltas = pieces;
        up.tokenGapMs = 20;   // 6 s of stream unless the gateway cuts it
        HttpResponse<String> r = f.post(CHAT, chat(true, "hi"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(up.disconnected.await(5, TimeUnit.SECONDS)).as("the upstream saw the gateway hang up").isTrue();
        String[] lines = r.body().strip().split("\n");
        JsonNode last = JSON.readTree(lines[lines.length - 1].substring("data: ".length()));
        assertThat(last.path("error").path("code").asText()).isEqualTo("content_policy");
        assertThat(r.body()).doesNotContain("BOMB", "[DONE]", " more");
        JsonNode rec = newest();
        assertThat(rec.path("safety").asText()).isEqualTo("blocked");
        assertThat(rec.path("outcome").asText()).isEqualTo("rejected");
        assertThat(rec.path("status").asInt()).isEqualTo(200);   // the stream had started
    }

    @Test
    void aWholeReplyIsMaskedOrReplacedBy400() throws Exception {
        start(false, false);
        up.deltas = List.of("call SECRET now");
        HttpResponse<String> r = f.post(CHAT, chat(false, "hi"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("call ****** now");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(3);

        up.deltas = List.of("a BOMB recipe");
        HttpResponse<String> blocked = f.post(CHAT, chat(false, "hi"));
        assertThat(blocked.statusCode()).isEqualTo(400);
        assertThat(blocked.body()).doesNotContain("BOMB");
        assertThat(JSON.readTree(blocked.body()).path("error").path("code").asText()).isEqualTo("content_policy");
        assertThat(newest().path("status").asInt()).isEqualTo(400);
        assertThat(newest().path("safety").asText()).isEqualTo("blocked");
    }

    @Test
    void everyDecisionIsCountedByDirectionStageAndDecision() throws Exception {
        start(false, false);
        up.deltas = List.of("ok SECRET");
        f.post(CHAT, chat(true, "x SECRET"));
        f.post(CHAT, chat(false, "x SECRET"));
        f.post(CHAT, chat(false, "BOMB"));
        up.deltas = List.of("fine");
        f.post(CHAT, chat(false, "plain"));
        ParsedMetrics page = ParsedMetrics.parse(f.get("/metrics").body());
        assertThat(decisions(page, "input", "pii", "masked")).isEqualTo(2.0);
        assertThat(decisions(page, "input", "words", "blocked")).isEqualTo(1.0);
        assertThat(decisions(page, "input", "none", "pass")).isEqualTo(1.0);
        assertThat(decisions(page, "output", "pii", "masked")).isEqualTo(2.0);
        assertThat(decisions(page, "output", "none", "pass")).isEqualTo(1.0);
    }

    private static double decisions(ParsedMetrics page, String direction, String stage, String decision) {
        return page.series(GatewayMetricNames.SAFETY_DECISIONS + "_total").stream()
                .filter(s -> s.labels().equals(Map.of("direction", direction, "stage", stage, "decision", decision)))
                .mapToDouble(s -> s.value()).sum();
    }

    @Test
    void captureStoresMaskedTextOnlyWhenOnAndTheGatewayClosesItsFilter() throws Exception {
        start(false, false);
        up.deltas = List.of("reply SECRET");
        f.post(CHAT, chat(true, "prompt SECRET"));
        assertThat(newest().has("prompt")).isFalse();
        assertThat(newest().has("completion")).isFalse();
        assertThat(f.gateway.requestLog().latest(1).getFirst().prompt()).isEmpty();
        f.close();
        assertThat(filter.closed).isTrue();
        up.close();

        start(false, true);
        up.deltas = List.of("reply SEC", "RET");
        f.post(CHAT, chat(true, "prompt SECRET"));
        JsonNode rec = newest();
        assertThat(rec.path("prompt").asText()).isEqualTo("be brief\nprompt ******");
        assertThat(rec.path("completion").asText()).isEqualTo("reply ******");
        up.deltas = List.of("x".repeat(CaptureText.MAX_CHARS + 100));
        f.post(CHAT, chat(false, "y".repeat(CaptureText.MAX_CHARS * 2)));
        rec = newest();
        assertThat(rec.path("completion").asText()).hasSize(CaptureText.MAX_CHARS + 1).endsWith("x…");
        assertThat(rec.path("prompt").asText()).hasSize(CaptureText.MAX_CHARS + 1).endsWith("y…");
    }
}
