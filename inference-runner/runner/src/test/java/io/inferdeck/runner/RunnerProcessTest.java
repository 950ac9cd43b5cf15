package io.inferdeck.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.gguf.SpmVocabulary;
import io.inferdeck.runner.bench.RunnerProcess;
import io.inferdeck.runner.bench.StreamClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runner as a separate JVM, serving the TINY generated model over loopback: one process for the
 * whole class. Its slots are deliberately huge (--ctx 65536 / --parallel 2 = 32768 tokens) so that a
 * 30000-token request keeps a slot busy for seconds: that makes the disconnect and queue-full cases
 * deterministic, since the tiny model would otherwise finish any request before the test could react.
 */
class RunnerProcessTest {
    static final String KEY = "test-key-123";
    static final int PARALLEL = 2;
    static final int QUEUE = 6;
    static final int LONG = 30_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;
    static RunnerProcess runner;
    static StreamClient client;

    @BeforeAll
    static void startRunner() throws Exception {
        model = dir.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        runner = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx", "65536",
                "--parallel", "" + PARALLEL, "--queue", "" + QUEUE, "--threads", "1", "--api-key", KEY),
                dir.resolve("runner-stderr.log"), Duration.ofSeconds(60));
        client = new StreamClient(runner.base(), Optional.of(KEY));
    }

    /** SIGTERM with a stream in flight: the runner drains or cancels it, closes the model and exits 0. */
    @AfterAll
    static void sigtermExitsCleanly() throws Exception {
        try (Socket s = openStream("v1/completions", "{\"prompt\":\"the river\",\"max_tokens\":" + LONG
                + ",\"ignore_eos\":true,\"stream\":true}")) {
            readFirstEvent(s);
            assertThat(runner.stop(Duration.ofSeconds(30))).as("exit code after SIGTERM").isZero();
        }
    }

    @Test
    void healthNeedsNoKeyAndModelsDescribeTheBackend() throws Exception {
        HttpResponse<String> h = new StreamClient(runner.base(), Optional.empty()).get("health");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(json(h.body()).get("status").asText()).isEqualTo("ok");

        JsonNode m = json(client.get("v1/models").body()).get("data").get(0);
        assertThat(m.get("id").asText()).isEqualTo("tiny-q4_0");
        JsonNode x = m.get("inferdeck");
        assertThat(x.get("backend").asText()).isEqualTo("cpu");
        assertThat(x.get("native_library").asText()).endsWith("libjllama.so").doesNotStartWith("/tmp/libjllama.so");
        ModelSummary s = ModelSummary.of(GgufReader.read(model));
        assertThat(x.get("model").get("quant").asText()).isEqualTo("Q4_0");
        assertThat(x.get("model").get("parameters").asLong()).isEqualTo(s.parameters());
        assertThat(x.get("runtime").get("ctx_per_slot").asInt()).isEqualTo(65536 / PARALLEL);
    }

    @Test
    void completionReportsExactUsage() throws Exception {
        JsonNode r = post("v1/completions", "{\"prompt\":\"the river\",\"max_tokens\":12,\"ignore_eos\":true,\"seed\":3}", 200);
        assertThat(r.get("object").asText()).isEqualTo("text_completion");
        assertThat(r.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        // llama.cpp's own log reports n_prompt_tokens = 5 for this prompt: 4 TINY pieces + BOS.
        assertThat(r.get("usage").get("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(r.get("usage").get("completion_tokens").asInt()).isEqualTo(12);
        assertThat(r.get("usage").get("total_tokens").asInt()).isEqualTo(17);
    }

    @Test
    void chatCompletionUsesTheChatTemplate() throws Exception {
        JsonNode r = post("v1/chat/completions", "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"hello\"}],\"max_tokens\":8,\"ignore_eos\":true}", 200);
        assertThat(r.get("object").asText()).isEqualTo("chat.completion");
        assertThat(r.get("choices").get(0).get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(r.get("usage").get("completion_tokens").asInt()).isEqualTo(8);
        // The ChatML wrapping (<|im_start|>system ... <|im_start|>assistant) costs far more than the 3 words.
        assertThat(r.get("usage").get("prompt_tokens").asInt()).isGreaterThan(10);
    }

    @Test
    void streamedChatEndsWithUsageAndDone() throws Exception {
        StreamClient.SseResponse s = client.stream("v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"max_tokens\":10,\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(s.status()).isEqualTo(200);
        List<String> ev = s.events();
        assertThat(ev.getLast()).isEqualTo("[DONE]");
        assertThat(ev).hasSize(10 + 3); // 10 token chunks, finish chunk, usage chunk, [DONE]
        assertThat(json(ev.getFirst()).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        for (String e : ev.subList(0, 10)) {
            assertThat(json(e).get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(json(e).at("/choices/0/delta/content").isTextual()).isTrue();
        }
        assertThat(json(ev.get(10)).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        JsonNode usage = json(ev.get(11));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void streamedCompletionWithoutUsage() throws Exception {
        StreamClient.SseResponse s = client.stream("v1/completions",
                "{\"prompt\":\"the river\",\"max_tokens\":6,\"ignore_eos\":true,\"stream\":true}");
        assertThat(s.events()).hasSize(6 + 2).last().isEqualTo("[DONE]");
        assertThat(s.events()).noneMatch(e -> e.contains("\"usage\""));
        assertThat(json(s.events().get(0)).at("/choices/0/text").isTextual()).isTrue();
    }

    @Test
    void eightParallelClientsAllComplete() throws Exception {
        PromText before = metrics();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int tokens = 16 + i;
                boolean stream = i % 2 == 0;
                results.add(pool.submit(() -> stream ? streamedTokens(tokens) : plainTokens(tokens)));
            }
            for (int i = 0; i < 8; i++) {
                int[] r = results.get(i).get();
                assertThat(r[0]).as("completion_tokens of client %d", i).isEqualTo(16 + i);
                assertThat(r[1]).as("token chunks of client %d", i).isEqualTo(16 + i);
            }
        }
        String ok = "inferdeck_requests_total{outcome=\"ok\"}";
        PromText after = metricsOnce(m -> m.value(ok) - before.value(ok) >= 8);  // counted just after the last byte
        assertThat(after.value(ok) - before.value(ok)).isEqualTo(8);
        double generated = 0;
        for (int i = 0; i < 8; i++) {
            generated += 16 + i;
        }
        assertThat(after.value("inferdeck_generated_tokens_total") - before.value("inferdeck_generated_tokens_total"))
                .isEqualTo(generated);
    }

    /** The KV estimate (de.kherud exposes no KV statistics): a held request's prompt and tokens, freed when it ends. */
    @Test
    void kvCacheEstimateFollowsAHeldRequestAndFreesItsCells() throws Exception {
        awaitMetrics(m -> m.value("inferdeck_requests_running") == 0 && m.value("inferdeck_kv_cache_tokens") == 0);
        try (Socket s = openStream("v1/completions", "{\"prompt\":\"the river\",\"max_tokens\":" + LONG
                + ",\"ignore_eos\":true,\"stream\":true}")) {
            readFirstEvent(s);
            PromText first = awaitMetrics(m -> m.value("inferdeck_kv_cache_tokens") >= 2);   // prompt + first token
            PromText later = awaitMetrics(m -> m.value("inferdeck_kv_cache_tokens") > first.value("inferdeck_kv_cache_tokens"));
            double tokens = later.value("inferdeck_kv_cache_tokens");
            assertThat(tokens).as("capped at one slot's context").isLessThanOrEqualTo(65536 / PARALLEL);
            // the two gauges are read one after the other while tokens keep coming: a few apart at most
            assertThat(later.value("inferdeck_kv_cache_usage_ratio")).isCloseTo(tokens / 65536, within(64.0 / 65536));
        }
        awaitMetrics(m -> m.value("inferdeck_requests_running") == 0 && m.value("inferdeck_kv_cache_tokens") == 0
                && m.value("inferdeck_kv_cache_usage_ratio") == 0);
    }

    @Test
    void clientDisconnectCancelsGeneration() throws Exception {
        PromText before = metrics();
        try (Socket s = openStream("v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"go\"}],"
                + "\"max_tokens\":" + LONG + ",\"ignore_eos\":true,\"stream\":true}")) {
            readFirstEvent(s);
        }
        PromText after = awaitMetrics(m -> m.value("inferdeck_requests_total{outcome=\"cancelled\"}")
                > before.value("inferdeck_requests_total{outcome=\"cancelled\"}")
                && m.value("inferdeck_requests_running") == 0);
        double generated = after.value("inferdeck_generated_tokens_total") - before.value("inferdeck_generated_tokens_total");
        assertThat(generated).as("tokens generated before the cancel reached llama.cpp").isLessThan(LONG);
        assertThat(after.value("inferdeck_requests_total{outcome=\"ok\"}")).isEqualTo(before.value("inferdeck_requests_total{outcome=\"ok\"}"));
    }

    @Test
    void fullQueueAnswers429() throws Exception {
        PromText before = metrics();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PARALLEL + QUEUE; i++) {
                held.add(openStream("v1/completions", "{\"prompt\":\"the river\",\"max_tokens\":" + LONG
                        + ",\"ignore_eos\":true,\"stream\":true}"));
            }
            awaitMetrics(m -> m.value("inferdeck_requests_running") == PARALLEL && m.value("inferdeck_requests_waiting") == QUEUE);
            JsonNode err = post("v1/completions", "{\"prompt\":\"the river\",\"max_tokens\":4}", 429);
            assertThat(err.at("/error/code").asText()).isEqualTo("queue_full");
            assertThat(err.at("/error/type").asText()).isEqualTo("rate_limit_error");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        PromText after = awaitMetrics(m -> m.value("inferdeck_requests_running") == 0 && m.value("inferdeck_requests_waiting") == 0
                && m.value("inferdeck_requests_total{outcome=\"cancelled\"}")
                        - before.value("inferdeck_requests_total{outcome=\"cancelled\"}") == PARALLEL + QUEUE);
        assertThat(after.value("inferdeck_requests_total{outcome=\"rejected\"}")
                - before.value("inferdeck_requests_total{outcome=\"rejected\"}")).isEqualTo(1);
    }

    @Test
    void badRequestsGetOpenAiErrorsAndTheRunnerKeepsServing() throws Exception {
        PromText before = metrics();
        String longPrompt = "river ".repeat(40_000);
        Object[][] cases = {
                {"v1/chat/completions", "{\"messages\":[", null, null},
                {"v1/chat/completions", "[1,2]", null, null},
                {"v1/chat/completions", "{\"messages\":\"hi\"}", "messages", null},
                {"v1/chat/completions", "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", "messages[0].role", null},
                {"v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":\"8\"}", "max_tokens", null},
                {"v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}", "temperature", null},
                {"v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":1}", "stream", null},
                {"v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":2}", "n", null},
                {"v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"frobnicate\":true}", "frobnicate", null},
                {"v1/completions", "{\"prompt\":\"\"}", "prompt", null},
                {"v1/completions", "{\"prompt\":[1,2,3]}", "prompt", null},
                {"v1/completions", "{\"prompt\":\"the river\",\"stop\":[1]}", "stop", null},
                {"v1/completions", "{\"prompt\":\"the river\",\"max_tokens\":40000}", "prompt", "context_length_exceeded"},
                {"v1/completions", "{\"prompt\":\"" + longPrompt + "\"}", "prompt", "context_length_exceeded"},
        };
        for (Object[] c : cases) {
            JsonNode e = post((String) c[0], (String) c[1], 400).get("error");
            assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(e.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(e.has("param") && e.has("code")).isTrue();
            assertThat(e.get("param").isNull() ? null : e.get("param").asText()).as("param of %s", c[1]).isEqualTo(c[2]);
            assertThat(e.get("code").isNull() ? null : e.get("code").asText()).isEqualTo(c[3]);
        }
        assertThat(post("v1/completions", "{\"prompt\":\"the river\",\"max_tokens\":40000}", 400).at("/error/message").asText())
                .contains("32768").contains("40000");
        assertThat(client.get("v1/nothing").statusCode()).isEqualTo(404);
        assertThat(client.get("v1/completions").statusCode()).isEqualTo(405);

        PromText after = metrics();
        // Every 400 above (cases plus the repeated context check) and the 405 count as errors; the 404
        // is not a completion request and is not counted.
        assertThat(delta(before, after, "inferdeck_requests_total{outcome=\"error\"}")).isEqualTo(cases.length + 2);
        post("v1/completions", "{\"prompt\":\"still alive\",\"max_tokens\":3}", 200);
    }

    @Test
    void tokenizeGivesTheIdsACompletionPromptBecomes() throws Exception {
        int[] plain = ids(post("tokenize", "{\"content\":\"the river\"}", 200));
        int[] special = ids(post("tokenize", "{\"content\":\"the river\",\"add_special\":true}", 200));
        // completionReportsExactUsage: llama.cpp counts 5 prompt tokens for "the river", BOS included.
        assertThat(special).hasSize(5);
        assertThat(special[0]).isEqualTo(SpmVocabulary.BOS);
        assertThat(java.util.Arrays.copyOfRange(special, 1, special.length)).containsExactly(plain);
        SpmVocabulary vocab = SpmVocabulary.build(LlamaModelSpec.TINY.vocabSize());
        StringBuilder text = new StringBuilder();
        for (int id : plain) {
            text.append(vocab.tokens().get(id));
        }
        assertThat(text.toString().replace('\u2581', ' ')).isEqualTo(" the river"); // SPM's leading space
        assertThat(ids(post("tokenize", "{\"content\":\"\"}", 200))).isEmpty();

        Object[][] bad = {{"{\"content\":", null}, {"[1]", null}, {"{}", "content"}, {"{\"content\":7}", "content"},
                {"{\"content\":\"x\",\"add_special\":\"yes\"}", "add_special"}, {"{\"content\":\"x\",\"with_pieces\":true}", "with_pieces"}};
        for (Object[] c : bad) {
            JsonNode e = post("tokenize", (String) c[0], 400).get("error");
            assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(e.get("param").isNull() ? null : e.get("param").asText()).as("param of %s", c[0]).isEqualTo(c[1]);
        }
        assertThat(client.get("tokenize").statusCode()).isEqualTo(405);
        assertThat(new StreamClient(runner.base(), Optional.empty()).postJson("tokenize", "{\"content\":\"x\"}").statusCode())
                .isEqualTo(401);
    }

    private static int[] ids(JsonNode r) {
        int[] out = new int[r.get("tokens").size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.get("tokens").get(i).asInt();
        }
        return out;
    }

    @Test
    void apiKeyIsRequiredExceptForHealth() throws Exception {
        StreamClient anonymous = new StreamClient(runner.base(), Optional.empty());
        StreamClient wrong = new StreamClient(runner.base(), Optional.of(KEY + "x"));
        String body = "{\"prompt\":\"the river\",\"max_tokens\":2}";
        for (StreamClient c : List.of(anonymous, wrong)) {
            HttpResponse<String> r = c.postJson("v1/completions", body);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(c.get("metrics").statusCode()).isEqualTo(401);
            assertThat(c.get("v1/models").statusCode()).isEqualTo(401);
            assertThat(c.get("health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void metricsUseTheDocumentedNamesAndMove() throws Exception {
        PromText before = metrics();
        for (String family : List.of("inferdeck_request_duration_seconds", "inferdeck_time_to_first_token_seconds",
                "inferdeck_inter_token_latency_seconds", "inferdeck_request_prompt_tokens", "inferdeck_request_generated_tokens")) {
            assertThat(before.types()).containsEntry(family, "histogram");
        }
        for (String family : List.of("inferdeck_requests_total", "inferdeck_prompt_tokens_total", "inferdeck_generated_tokens_total")) {
            assertThat(before.types()).containsEntry(family, "counter");
        }
        for (String family : List.of("inferdeck_requests_running", "inferdeck_requests_waiting", "inferdeck_slots_total",
                "inferdeck_slots_busy", "inferdeck_model_info", "inferdeck_model_file_bytes", "inferdeck_model_parameters")) {
            assertThat(before.types()).containsEntry(family, "gauge");
        }
        assertThat(before.value("inferdeck_model_info{backend=\"cpu\",model=\"tiny-q4_0\",quant=\"Q4_0\"}")).isEqualTo(1);
        assertThat(before.value("inferdeck_slots_total")).isEqualTo(PARALLEL);
        assertThat(before.value("inferdeck_request_duration_seconds_bucket{le=\"60.0\"}")).isNotNaN();
        assertThat(before.value("inferdeck_request_generated_tokens_bucket{le=\"8192.0\"}")).isNotNaN();
        for (String outcome : List.of("ok", "error", "cancelled", "rejected")) {
            assertThat(before.value("inferdeck_requests_total{outcome=\"" + outcome + "\"}")).isNotNaN();
        }

        client.stream("v1/completions", "{\"prompt\":\"the river\",\"max_tokens\":7,\"ignore_eos\":true,\"stream\":true}");
        PromText after = metrics();
        assertThat(delta(before, after, "inferdeck_requests_total{outcome=\"ok\"}")).isEqualTo(1);
        assertThat(delta(before, after, "inferdeck_generated_tokens_total")).isEqualTo(7);
        assertThat(delta(before, after, "inferdeck_prompt_tokens_total")).isEqualTo(5);
        assertThat(delta(before, after, "inferdeck_request_duration_seconds_count")).isEqualTo(1);
        assertThat(delta(before, after, "inferdeck_time_to_first_token_seconds_count")).isEqualTo(1);
        assertThat(delta(before, after, "inferdeck_inter_token_latency_seconds_count")).isEqualTo(6);
        assertThat(delta(before, after, "inferdeck_request_generated_tokens_sum")).isEqualTo(7);
        assertThat(delta(before, after, "inferdeck_request_prompt_tokens_bucket{le=\"8.0\"}")).isEqualTo(1);
    }

    // --- helpers ---

    private static double delta(PromText a, PromText b, String key) {
        return b.value(key) - a.value(key);
    }

    private static int[] plainTokens(int max) throws Exception {
        JsonNode r = post("v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"count\"}],\"max_tokens\":" + max
                + ",\"ignore_eos\":true}", 200);
        int n = r.at("/usage/completion_tokens").asInt();
        return new int[] {n, n};
    }

    private static int[] streamedTokens(int max) throws Exception {
        StreamClient.SseResponse s = client.stream("v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"count\"}],"
                + "\"max_tokens\":" + max + ",\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        int chunks = 0;
        for (String e : s.events()) {
            chunks += !e.equals("[DONE]") && json(e).at("/choices/0/delta").has("content") ? 1 : 0;
        }
        JsonNode usage = json(s.events().get(s.events().size() - 2));
        return new int[] {usage.at("/usage/completion_tokens").asInt(), chunks};
    }

    static JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = client.postJson(path, body);
        assertThat(r.statusCode()).as("status of %s %s", path, abbreviate(body)).isEqualTo(expectedStatus);
        return json(r.body());
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    /** Metrics once {@code ready} holds (bounded poll): outcomes are counted after the response is sent. */
    static PromText metricsOnce(java.util.function.Predicate<PromText> ready) throws Exception {
        PromText m = metrics();
        for (int i = 0; i < 200 && !ready.test(m); i++) {
            Thread.sleep(10);
            m = metrics();
        }
        return m;
    }

    static PromText metrics() throws Exception {
        HttpResponse<String> r = client.get("metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return PromText.parse(r.body());
    }

    static PromText awaitMetrics(Predicate<PromText> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        PromText m = metrics();
        while (!condition.test(m)) {
            assertThat(System.nanoTime()).as("metrics condition not reached; last scrape: %s", m.samples()).isLessThan(deadline);
            Thread.sleep(20);
            m = metrics();
        }
        return m;
    }

    /** A raw streaming request whose response the test reads (or abandons) itself. */
    static Socket openStream(String path, String body) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(runner.base().getHost(), runner.base().getPort()));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(("POST /" + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        return s;
    }

    static void readFirstEvent(Socket s) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("data: ")) {
                return;
            }
        }
        throw new AssertionError("stream ended before its first event");
    }
}
