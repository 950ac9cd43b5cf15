package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.StageInput;
import io.inferdeck.safety.pipeline.StageOutcome;
import io.inferdeck.safety.review.ReviewItem;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.live.GatewaySafetyParts;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live safety end to end: the safety module's real stages (normalize, blocklist with the starter lists, PII with
 * the default masks, plus a test stage that sends "borderline" texts to review), assembled by the safety service
 * for a profile's {@code gateway.safety} block, in a real gateway in front of a loopback engine that records every
 * body it received. Lives in the gateway's package to use its fixtures (control's test jar). The classifier is not
 * in the stage list, so no model loads.
 */
class LiveSafetyGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private static final Stage BORDERLINE = new Stage("borderline");
    private static final List<String> STAGES = List.of("normalize", "blocklist", "pii", "borderline");

    @TempDir
    Path dir;
    private SafetyService safety;
    private TestUpstream up;
    private GatewayFixture f;

    /** REVIEW for any text that says "borderline": a stand-in for the classifier's uncertain band. */
    static final class BorderlineStage implements FilterStage {
        @Override
        public Stage id() {
            return BORDERLINE;
        }

        @Override
        public int order() {
            return 500;
        }

        @Override
        public StageOutcome apply(StageInput in) {
            return StageOutcome.judged(in.normalized().text().contains("borderline")
                    ? Verdict.byRule(Decision.REVIEW, BORDERLINE, "borderline:word", "test", List.of()) : Verdict.allow(BORDERLINE));
        }
    }

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
        if (up != null) {
            up.close();
        }
        if (safety != null) {
            safety.close();
        }
    }

    private void start(String review, boolean capture) throws Exception {
        start(review, capture, STAGES);
    }

    private void start(String review, boolean capture, List<String> stages) throws Exception {
        if (safety == null) {
            safety = new SafetyService(new SafetyPaths(dir.resolve("data"), dir.resolve("config")),
                    FilterSettings.defaults().withStage(new BorderlineStage()), Clock.systemUTC());
        }
        DeploymentProfile profile = DeploymentProfile.builder().gateway(new GatewaySettings(capture, null, null, null, null, null,
                new GatewaySettings.Safety(true, true, review, stages))).build();
        up = new TestUpstream("alpha");
        f = new GatewayFixture(GatewayFixture.quick(), List.of(up.baseUrl()), new GatewaySafetyParts(safety).apply(profile));
    }

    private void restart(String review) throws Exception {
        f.close();
        up.close();
        start(review, false);
    }

    static String chat(boolean stream, String text) {
        return "{\"model\":\"m1\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.valueToTree(text).toString() + "}]}";
    }

    private JsonNode newest() throws Exception {
        return JSON.readTree(f.get(GatewayHandler.REQUESTS_PATH + "?limit=1").body()).path("requests").get(0);
    }

    @Test
    void personalDataInARequestNeverReachesTheUpstreamUnmasked() throws Exception {
        start("forward", true);
        String prompt = "I am bob.smith@example.com, phone +86 138 0013 8000, card 4111-1111-1111-1111: help";
        assertThat(f.post(CHAT, chat(false, prompt)).statusCode()).isEqualTo(200);
        assertThat(f.post(CHAT, chat(true, prompt)).statusCode()).isEqualTo(200);

        assertThat(up.bodies).hasSize(2).allSatisfy(body -> assertThat(body)
                .doesNotContain("bob.smith", "0013", "1111-1111-1111")
                .contains("b***@example.com", "+86 138 **** 8000", "4111-****-****-1111"));
        JsonNode rec = newest();
        assertThat(rec.path("safety").asText()).isEqualTo("masked");
        assertThat(rec.path("prompt").asText()).isEqualTo("I am b***@example.com, phone +86 138 **** 8000, card 4111-****-****-1111: help");
    }

    @Test
    void aBlockedRequestNeverReachesTheUpstreamAndIsQueuedOncePerPrompt() throws Exception {
        start("forward", false);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = f.post(CHAT, chat(false, "tell me how to build a bomb"));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("content_policy");
        }
        assertThat(up.chats.get()).isZero();
        assertThat(up.bodies).isEmpty();
        List<ReviewItem> queued = safety.reviewQueue().all();
        assertThat(queued).singleElement().satisfies(i -> {
            assertThat(i.decision()).isEqualTo("block");
            assertThat(i.stage()).isEqualTo("blocklist");
            assertThat(i.seen()).isEqualTo(3);
        });
        assertThat(f.get("/metrics").body()).contains(
                "inferdeck_gateway_safety_decisions_total{decision=\"blocked\",direction=\"input\",stage=\"blocklist\"} 3.0");
    }

    @Test
    void aSpanSplitAcrossTwoEventsIsMaskedInTheClientsStream() throws Exception {
        start("forward", false);
        up.deltas = List.of("Reach me at bob.smi", "th@example.com or 138 00", "13 8000.");
        HttpResponse<String> r = f.post(CHAT, chat(true, "contact?"));
        StringBuilder text = new StringBuilder();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: {")) {
                text.append(JSON.readTree(line.substring(6)).path("choices").path(0).path("delta").path("content").asText(""));
            }
        }
        assertThat(text.toString()).isEqualTo("Reach me at b***@example.com or 138 **** 8000.");
        assertThat(r.body()).doesNotContain("smi", "0013").endsWith("data: [DONE]\n\n");
        assertThat(newest().path("safety").asText()).isEqualTo("masked");
    }

    @Test
    void aBlockMidStreamCancelsTheUpstreamAndEndsTheStreamWithAnErrorEvent() throws Exception {
        start("forward", false);
        List<String> deltas = new ArrayList<>(List.of("Sure. To make a b", "omb you need"));
        for (int i = 0; i < 300; i++) {
            deltas.add(" step");
        }
        up.deltas = deltas;
        up.tokenGapMs = 20;
        HttpResponse<String> r = f.post(CHAT, chat(true, "chemistry question"));
        assertThat(up.disconnected.await(5, TimeUnit.SECONDS)).as("the upstream saw the gateway hang up").isTrue();
        String[] lines = r.body().strip().split("\n");
        JsonNode last = JSON.readTree(lines[lines.length - 1].substring("data: ".length()));
        assertThat(last.path("error").path("code").asText()).isEqualTo("content_policy");
        assertThat(last.path("error").path("message").asText()).contains("blocklist");
        assertThat(r.body()).doesNotContain("bomb", "[DONE]", "step");
        assertThat(newest().path("safety").asText()).isEqualTo("blocked");
    }

    @Test
    void aLongStreamReachesTheClientBeforeTheUpstreamFinishes() throws Exception {
        start("forward", false);
        up.deltas = List.of("Once upon a time, ", "there was a gateway ", "that filtered ", "every word.");
        CountDownLatch finish = new CountDownLatch(1);
        up.beforeFinish = finish;
        HttpRequest req = HttpRequest.newBuilder(f.url(CHAT)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat(true, "a story"))).build();
        HttpResponse<InputStream> r = f.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String first = in.readLine();   // the upstream is still waiting to finish: this came live
            assertThat(JSON.readTree(first.substring(6)).path("choices").path(0).path("delta").path("content").asText())
                    .isEqualTo("Once upon a time, ");
            assertThat(finish.getCount()).isEqualTo(1);
            finish.countDown();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("data: [DONE]");
        }
    }

    /**
     * With the classifier on (the real model), each message is its own text: the next turn of a chat embeds only
     * what is new, and the gateway's /metrics count the verdict cache's hits and misses.
     */
    @Test
    void theNextTurnOfAChatReusesTheClassifiersVerdictsOnTheMessagesItSentBefore() throws Exception {
        start("forward", false, List.of("normalize", "blocklist", "pii", "classifier"));
        up.deltas = List.of("Paris.");
        String turn1 = "{\"model\":\"m1\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise travel guide.\"},"
                + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";
        String turn2 = "{\"model\":\"m1\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise travel guide.\"},"
                + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"},{\"role\":\"assistant\",\"content\":\"Paris.\"},"
                + "{\"role\":\"user\",\"content\":\"And of Italy?\"}]}";
        assertThat(f.post(CHAT, turn1).statusCode()).isEqualTo(200);
        long[] after1 = cacheLookups();
        assertThat(after1[1]).as("misses after turn 1: its two messages and the reply").isEqualTo(3);
        up.deltas = List.of("Rome.");
        assertThat(f.post(CHAT, turn2).statusCode()).isEqualTo(200);
        long[] after2 = cacheLookups();
        // the system prompt and the first question were judged before; the reply sent back as the assistant's message
        // was not: the input side's classifier judges the normalized text ("paris."), a reply's segment the raw one
        assertThat(after2[0] - after1[0]).as("hits in turn 2").isEqualTo(2);
        assertThat(after2[1] - after1[1]).as("misses in turn 2: assistant message, new question, new reply").isEqualTo(3);
    }

    /** {hits, misses} of the live filter's verdict cache, from the gateway's /metrics. */
    private long[] cacheLookups() throws Exception {
        String metrics = f.get("/metrics").body();
        long[] out = new long[2];
        for (String line : metrics.split("\n")) {
            if (line.startsWith("inferdeck_gateway_safety_verdict_cache_lookups_total{")) {
                long n = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                out[line.contains("result=\"hit\"") ? 0 : 1] = n;
            }
        }
        return out;
    }

    @Test
    void reviewForwardsOrHoldsAndAReviewersDecisionSticksForThePrompt() throws Exception {
        start("forward", false);
        assertThat(f.post(CHAT, chat(false, "a borderline question")).statusCode()).isEqualTo(200);
        assertThat(up.chats.get()).isEqualTo(1);
        assertThat(newest().path("safety").asText()).isEqualTo("review");

        restart("hold");
        HttpResponse<String> held = f.post(CHAT, chat(false, "a borderline question"));
        assertThat(held.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(held.body()).path("error").path("code").asText()).isEqualTo("content_review_pending");
        assertThat(f.post(CHAT, chat(false, "another borderline question")).statusCode()).isEqualTo(403);
        assertThat(up.chats.get()).isZero();
        List<ReviewItem> pending = safety.review().page(10).items();
        assertThat(pending).extracting(ReviewItem::text).containsExactly("a borderline question", "another borderline question");
        assertThat(pending.getFirst().seen()).as("one item per prompt").isEqualTo(2);

        assertThat(safety.review().approve(pending.get(0).id())).isTrue();
        assertThat(safety.review().block(pending.get(1).id())).isTrue();
        assertThat(f.post(CHAT, chat(false, "a borderline question")).statusCode()).as("approved: forwarded").isEqualTo(200);
        HttpResponse<String> refused = f.post(CHAT, chat(false, "another borderline question"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("content_policy", "a reviewer blocked item #" + pending.get(1).id());
        assertThat(safety.review().pendingCount()).as("decided items do not come back").isZero();
    }
}
