package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.runner.bench.StreamClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API's failure paths that a healthy llama.cpp never takes, driven through a real HTTP server with an
 * engine that fails or blocks on purpose: 500 without internals, an error event mid-stream, 503 while
 * loading and stopping, and a deterministic 429. No native code is loaded.
 */
class ApiServerFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeEngine engine = new FakeEngine();
    private final SlotGate gate = new SlotGate(1, 1);
    private final RunnerMetrics metrics = new RunnerMetrics(gate);
    private final RunnerState state = new RunnerState();
    private ApiServer server;
    private StreamClient client;

    private void start() throws Exception {
        server = ApiServer.start("127.0.0.1", 0, state, metrics, gate, new BearerAuth(Optional.empty()));
        client = new StreamClient(URI.create("http://127.0.0.1:" + server.port() + "/"), Optional.empty());
    }

    private void ready() throws Exception {
        RunnerOptions o = OptionsParser.parse(List.of(), Map.of());
        ModelSummary s = new ModelSummary("fake", "llama", 1, 1, "F32", OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), 1);
        state.ready(new CompletionService(engine, gate, metrics, "fake", 512, Clock.systemUTC()),
                new ModelCard("fake", s, Path.of("fake.gguf"), 0, "cpu", Path.of("libjllama.so"), false, o));
    }

    @AfterEach
    void stop() {
        engine.hold.countDown();
        server.stop(0);
    }

    @Test
    void loadingAndStoppingAnswer503() throws Exception {
        start();
        assertThat(client.get("health").statusCode()).isEqualTo(503);
        assertThat(json(client.get("health")).get("status").asText()).isEqualTo("loading");
        HttpResponse<String> r = client.postJson("v1/completions", "{\"prompt\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).at("/error/type").asText()).isEqualTo("unavailable_error");
        ready();
        assertThat(client.get("health").statusCode()).isEqualTo(200);
        state.stopping();
        assertThat(json(client.get("health")).get("status").asText()).isEqualTo("stopping");
        assertThat(client.postJson("v1/completions", "{\"prompt\":\"x\"}").statusCode()).isEqualTo(503);
    }

    @Test
    void engineFailureIs500WithoutInternalsAndServingContinues() throws Exception {
        start();
        ready();
        engine.failStart = true;
        HttpResponse<String> r = client.postJson("v1/completions", "{\"prompt\":\"x\",\"max_tokens\":3}");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(r.body()).doesNotContain("native detail").doesNotContain("Exception").doesNotContain("\tat ");

        engine.failStart = false;
        engine.failAfter = 2;
        StreamClient.SseResponse s = client.stream("v1/completions", "{\"prompt\":\"x\",\"max_tokens\":5,\"stream\":true}");
        assertThat(s.events()).hasSize(3);
        assertThat(JSON.readTree(s.events().getLast()).at("/error/type").asText()).isEqualTo("server_error");

        engine.failAfter = -1;
        assertThat(client.postJson("v1/completions", "{\"prompt\":\"x\",\"max_tokens\":3}").statusCode()).isEqualTo(200);
        PromText m = metricsOnceCounted("inferdeck_requests_total{outcome=\"ok\"}", 1);
        assertThat(m.value("inferdeck_requests_total{outcome=\"error\"}")).isEqualTo(2);
        assertThat(m.value("inferdeck_requests_total{outcome=\"ok\"}")).isEqualTo(1);
    }

    @Test
    void queueFullIs429() throws Exception {
        start();
        ready();
        engine.hold = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> running = post("{\"prompt\":\"x\",\"max_tokens\":2}");
        CompletableFuture<HttpResponse<String>> waiting = post("{\"prompt\":\"x\",\"max_tokens\":2}");
        for (int i = 0; i < 500 && (gate.running() < 1 || gate.waiting() < 1); i++) {   // slot taken AND queue full
            Thread.sleep(10);
        }
        HttpResponse<String> refused = client.postJson("v1/completions", "{\"prompt\":\"x\",\"max_tokens\":2}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("queue_full");
        engine.hold.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        PromText m = metricsOnceCounted("inferdeck_requests_total{outcome=\"ok\"}", 2);
        assertThat(m.value("inferdeck_requests_total{outcome=\"rejected\"}")).isEqualTo(1);
        assertThat(m.value("inferdeck_requests_total{outcome=\"ok\"}")).isEqualTo(2);
    }

    /** The outcome is counted after the response is written: poll (bounded) instead of racing the server. */
    private PromText metricsOnceCounted(String key, double atLeast) throws Exception {
        PromText m = PromText.parse(client.get("metrics").body());
        for (int i = 0; i < 200 && m.value(key) < atLeast; i++) {
            Thread.sleep(10);
            m = PromText.parse(client.get("metrics").body());
        }
        return m;
    }

    private CompletableFuture<HttpResponse<String>> post(String body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.postJson("v1/completions", body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** Counts prompt characters as tokens and emits "t" tokens; can fail or block on demand. */
    static final class FakeEngine implements Engine {
        volatile boolean failStart;
        volatile int failAfter = -1;
        volatile CountDownLatch hold = new CountDownLatch(0);

        @Override
        public int promptTokens(String prompt) {
            return prompt.length();
        }

        @Override
        public int[] tokenize(String text, boolean addSpecial) {
            return text.chars().toArray();
        }

        @Override
        public String chatPrompt(String system, List<ChatTurn> turns) {
            return system + turns;
        }

        @Override
        public TokenStream start(String prompt, Sampling sampling) throws EngineException {
            if (failStart) {
                throw new EngineException("boom: native detail", new RuntimeException("native detail"));
            }
            return new TokenStream() {
                int n;

                @Override
                public String next() throws EngineException {
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (n == failAfter) {
                        throw new EngineException("boom: native detail", new RuntimeException("native detail"));
                    }
                    return n++ < sampling.maxTokens() ? "t" : null;
                }

                @Override
                public void cancel() {
                }
            };
        }
    }
}
