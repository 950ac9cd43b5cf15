package io.inferdeck.safety.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.normalize.NormalizedText;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.safety.pipeline.StageInput;
import io.inferdeck.safety.pipeline.StageOutcome;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard stage against a loopback server answering in Llama Guard 3's format (and failing in the usual ways). */
class GuardStageTest {
    static final ObjectMapper JSON = new ObjectMapper();

    GuardTestServer server;
    ExecutorService pool;
    HttpClient http;

    @BeforeEach
    void start() throws Exception {
        server = new GuardTestServer();
        pool = Executors.newVirtualThreadPerTaskExecutor();
        http = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
        pool.shutdownNow();
    }

    /** A generous timeout: only the SLOW server mode should ever run into it, never a loaded test machine. */
    GuardStage stage(Decision onFailure, GuardPrompt prompt) {
        return stage(onFailure, prompt, Duration.ofSeconds(5));
    }

    GuardStage stage(Decision onFailure, GuardPrompt prompt, Duration timeout) {
        GuardSettings s = new GuardSettings(server.base(), "llama-guard3:1b", Optional.of("GUARD_KEY"),
                timeout, 4096, onFailure, prompt);
        return new GuardStage(new GuardClient(http, s, name -> name.equals("GUARD_KEY") ? "sekrit" : null), s);
    }

    static Verdict judge(GuardStage stage, String text, Side side) {
        StageOutcome o = stage.apply(new StageInput(text, NormalizedText.identity(text), text, List.of(), side));
        return o.verdict().orElseThrow();
    }

    @Test
    void safeAllowsAndTheRequestCarriesModelConversationAndKey() throws Exception {
        server.answer = "safe";
        Verdict v = judge(stage(Decision.REVIEW, GuardPrompt.TEMPLATE), "How do I bake bread?", Side.INPUT);
        assertThat(v.decision()).isEqualTo(Decision.ALLOW);
        JsonNode body = JSON.readTree(server.seen.getFirst().body());
        assertThat(body.path("model").asText()).isEqualTo("llama-guard3:1b");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("How do I bake bread?");
        assertThat(server.seen.getFirst().authorization()).isEqualTo("Bearer sekrit");
    }

    @Test
    void unsafeS1BlocksAsViolence() {
        server.answer = "unsafe\nS1";
        Verdict v = judge(stage(Decision.REVIEW, GuardPrompt.TEMPLATE), "text", Side.INPUT);
        assertThat(v.decision()).isEqualTo(Decision.BLOCK);
        assertThat(v.category()).isEqualTo("violence");
        assertThat(v.rule()).isEqualTo("guard:unsafe:S1");
    }

    @Test
    void unsafeWithTwoCodesNamesBothAndTakesTheFirstCategory() throws Exception {
        server.answer = "\nunsafe\nS10,S11\n";
        Verdict v = judge(stage(Decision.REVIEW, GuardPrompt.TEMPLATE), "text", Side.OUTPUT);
        assertThat(v.decision()).isEqualTo(Decision.BLOCK);
        assertThat(v.category()).isEqualTo("hate");
        assertThat(v.rule()).isEqualTo("guard:unsafe:S10,S11");
        JsonNode sent = JSON.readTree(server.seen.getFirst().body()).path("messages").path(0);
        assertThat(sent.path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void inlinePromptWritesTheTaskWithAllFourteenCategoriesAndTheRoleToJudge() throws Exception {
        judge(stage(Decision.REVIEW, GuardPrompt.INLINE), "Tell me a joke", Side.OUTPUT);
        String task = JSON.readTree(server.seen.getFirst().body()).path("messages").path(0).path("content").asText();
        assertThat(task).contains("'Agent' messages", "<BEGIN UNSAFE CONTENT CATEGORIES>", "S1: Violent Crimes.",
                "S14: Code Interpreter Abuse.", "<BEGIN CONVERSATION>", "Agent: Tell me a joke",
                "ONLY THE LAST Agent message", "First line must read 'safe' or 'unsafe'");
        assertThat(task.lines().filter(l -> l.matches("S\\d+: .*\\.")).count()).isEqualTo(14);
    }

    @Test
    void garbageTimeoutHttp500AndHugeRepliesDecideTheConfiguredFailureAndAreCounted() {
        GuardStage closed = stage(Decision.BLOCK, GuardPrompt.TEMPLATE);
        server.answer = "I'm sorry, I cannot help with that.";
        assertFailed(judge(closed, "t", Side.INPUT), Decision.BLOCK, "malformed");
        server.answer = "unsafe\nS99";
        assertFailed(judge(closed, "t", Side.INPUT), Decision.BLOCK, "malformed");
        server.mode = GuardTestServer.Mode.STATUS_500;
        assertFailed(judge(closed, "t", Side.INPUT), Decision.BLOCK, "http_status");
        server.mode = GuardTestServer.Mode.HUGE;
        assertFailed(judge(closed, "t", Side.INPUT), Decision.BLOCK, "too_large");
        server.mode = GuardTestServer.Mode.SLOW;   // the server holds its reply until closed
        assertFailed(judge(closed, "t", Side.INPUT), Decision.BLOCK, "timeout");
        assertThat(closed.failures()).containsExactly(Map.entry("timeout", 1L), Map.entry("http_status", 1L),
                Map.entry("too_large", 1L), Map.entry("malformed", 2L), Map.entry("io", 0L));

        GuardStage open = stage(Decision.ALLOW, GuardPrompt.TEMPLATE, Duration.ofMillis(500));
        assertFailed(judge(open, "t", Side.INPUT), Decision.ALLOW, "timeout");
        assertThat(open.failures()).containsEntry("timeout", 1L);
    }

    @Test
    void aRefusedConnectionIsAnIoFailure() {
        GuardSettings s = new GuardSettings(java.net.URI.create("http://127.0.0.1:1"), "m", Optional.empty(),
                Duration.ofMillis(400), 4096, Decision.REVIEW, GuardPrompt.TEMPLATE);
        GuardStage st = new GuardStage(new GuardClient(http, s, n -> null), s);
        assertFailed(judge(st, "t", Side.INPUT), Decision.REVIEW, "io");
    }

    static void assertFailed(Verdict v, Decision d, String kind) {
        assertThat(v.decision()).isEqualTo(d);
        assertThat(v.rule()).isEqualTo("guard:failed:" + kind);
        assertThat(v.category()).isEqualTo(StageOutcome.FAILURE_CATEGORY);
    }
}
