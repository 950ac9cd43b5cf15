package io.inferdeck.control.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.runner.bench.RunnerProcess;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat client against the real runner process serving the TINY model (one JVM for the class). The
 * slot is large (--ctx 65536) so a long request keeps generating while the test cancels it.
 */
class ChatClientTest {
    static final String KEY = "chat-key-9";
    @TempDir
    static Path dir;
    static RunnerProcess runner;
    static EngineEndpoint endpoint;
    final ChatClient client = new ChatClient(System::nanoTime);

    @BeforeAll
    static void start() throws Exception {
        Path model = dir.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        runner = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx", "65536",
                "--parallel", "1", "--threads", "1", "--api-key", KEY), dir.resolve("stderr.log"), Duration.ofSeconds(60));
        endpoint = new EngineEndpoint(runner.base(), KEY, "tiny");
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
    }

    static ChatRequest request(int maxTokens) {
        return new ChatRequest(List.of(ChatMessage.system("Be brief."), ChatMessage.user("tell me about rivers")),
                Sampling.defaults().withMaxTokens(maxTokens).withSeed(7L));
    }

    @Test
    void streamingDeliversEveryTokenWithPlausibleFigures() {
        List<String> deltas = new ArrayList<>();
        List<Long> deltaTimes = new ArrayList<>();
        int[] usage = {-1, -1};
        ChatResult r = client.prepare(endpoint, request(16)).run(new ChatListener() {
            public void onDelta(String text) {
                deltas.add(text);
                deltaTimes.add(System.nanoTime());
            }

            public void onUsage(int p, int c) {
                usage[0] = p;
                usage[1] = c;
            }
        });
        assertThat(r.outcome()).isEqualTo(ChatResult.Outcome.COMPLETED);
        assertThat(r.error()).isNull();
        assertThat(r.text()).isEqualTo(String.join("", deltas));
        assertThat(usage[1]).isEqualTo(r.stats().completionTokens()).isEqualTo(r.stats().events()).isEqualTo(deltas.size());
        assertThat(usage[1]).isBetween(1, 16);
        assertThat(r.stats().promptTokens()).isEqualTo(usage[0]).isGreaterThan(5);
        assertThat(r.stats().finishReason()).isIn("length", "stop");
        // incremental: deltas arrived at distinct moments, not all at once at the end
        if (deltas.size() > 2) {
            assertThat(deltaTimes.getLast()).isGreaterThan(deltaTimes.getFirst());
        }
        assertThat(r.stats().ttftNanos()).isPositive().isLessThanOrEqualTo(r.stats().e2eNanos());
        assertThat(r.stats().summary()).startsWith("TTFT ").contains(" → " + usage[1] + " tokens");
    }

    @Test
    void cancelClosesTheStreamAndTheEngineCountsItCancelled() throws Exception {
        double before = cancelledCount();
        ChatCall call = client.prepare(endpoint, request(30_000));
        List<String> deltas = new ArrayList<>();
        ChatResult r = call.run(text -> {
            deltas.add(text);
            if (deltas.size() == 3) {
                call.cancel();
            }
        });
        assertThat(r.outcome()).isEqualTo(ChatResult.Outcome.CANCELLED);
        assertThat(r.partial()).isTrue();
        assertThat(r.stats().finishReason()).isEqualTo("cancelled");
        assertThat(r.text()).isEqualTo(String.join("", deltas.subList(0, 3)));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cancelledCount() <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cancelledCount()).isEqualTo(before + 1);
    }

    @Test
    void engineRefusalCarriesItsMessage() {
        ChatRequest tooLong = request(70_000);
        ChatResult r = client.prepare(endpoint, tooLong).run(text -> { });
        assertThat(r.outcome()).isEqualTo(ChatResult.Outcome.FAILED);
        assertThat(r.error()).startsWith("Engine refused the request (400): ").contains("70000");

        ChatResult noKey = client.prepare(new EngineEndpoint(runner.base(), null, "x"), request(4)).run(text -> { });
        assertThat(noKey.error()).startsWith("Engine refused the request (401)");
    }

    @Test
    void modelInfoFromTheRunner() {
        ModelInfo info = client.models(endpoint).orElseThrow();
        assertThat(info.id()).isEqualTo("tiny-q4_0");
        assertThat(info.quant()).isEqualTo("Q4_0");
        assertThat(info.randomWeights()).isTrue();
        assertThat(info.label()).isEqualTo("tiny-q4_0 · Q4_0");
        assertThat(client.models(new EngineEndpoint(runner.base(), "wrong", "x"))).isEmpty();
    }

    @Test
    void engineDownIsAClearMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ChatResult r = client.prepare(EngineEndpoint.of("http://127.0.0.1:" + port), request(4)).run(text -> { });
        assertThat(r.outcome()).isEqualTo(ChatResult.Outcome.FAILED);
        assertThat(r.error()).isEqualTo("Engine not reachable at http://127.0.0.1:" + port + " — is it running?");
    }

    @Test
    void validationAndRenderings() {
        Sampling bad = new Sampling(2.5, 1.5, -1, 0, -3L, List.of("a", "", "b", "c", "d"), 3.0, -2.5);
        List<String> errors = new ChatRequest(List.of(ChatMessage.system("x")), bad).validate();
        assertThat(errors).anyMatch(e -> e.startsWith("temperature: must be 0–2"))
                .anyMatch(e -> e.startsWith("top_p")).anyMatch(e -> e.startsWith("top_k"))
                .anyMatch(e -> e.startsWith("max_tokens")).anyMatch(e -> e.startsWith("seed"))
                .anyMatch(e -> e.startsWith("stop: at most 4")).anyMatch(e -> e.startsWith("stop: strings"))
                .anyMatch(e -> e.startsWith("presence_penalty")).anyMatch(e -> e.startsWith("frequency_penalty"))
                .anyMatch(e -> e.startsWith("messages"));
        assertThat(request(8).validate()).isEmpty();

        String json = request(8).toJson();
        assertThat(json).contains("\"max_tokens\":8", "\"seed\":7", "\"stream\":true", "\"include_usage\":true")
                .doesNotContain("presence_penalty");
        String curl = request(8).toCurl(endpoint);
        assertThat(curl).contains(runner.base().toString().replaceAll("/$", "") + "/v1/chat/completions")
                .contains("$INFERDECK_API_KEY").doesNotContain(KEY);
    }

    static double cancelledCount() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                runner.base().toString().replaceAll("/$", "") + "/metrics")).header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^inferdeck_requests_total\\{outcome=\"cancelled\"} (\\S+)$").matcher(r.body());
        assertThat(m.find()).as("cancelled series in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
