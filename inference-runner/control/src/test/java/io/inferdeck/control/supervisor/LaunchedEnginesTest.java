package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.control.metrics.ParsedMetrics;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14, Done-when 1, for the engines InferDeck launches but cannot install here (llama-server, vLLM,
 * SGLang): the profile's {@code binary} is a stand-in executable ({@link FakeEngineMain} in its own process)
 * that receives exactly the argv and environment the engine's driver renders, so the real launch path,
 * supervisor, health check and gateway are exercised; the stand-in answers with the engine's documented
 * paths and a recorded metrics exposition of that engine.
 */
class LaunchedEnginesTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    @TempDir
    Path dir;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final HttpClient http = HttpClient.newHttpClient();
    private Deployment deployment;

    @AfterEach
    void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
        exec.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"llama-server, llamacpp-2.txt, LLAMA_API_KEY, llama.cpp", "vllm, vllm-2.txt, VLLM_API_KEY, vllm",
            "sglang, sglang-2.txt, INFERDECK_SGLANG_API_KEY, sglang"})
    void aLaunchedEngineIsServedAndMeasuredThroughTheGateway(String engine, String fixture, String keyVariable,
                                                             String flavor) throws Exception {
        Path model = Files.writeString(dir.resolve("model.gguf"), "stand-in: the fake engine never reads it");
        int port = FreePorts.allocate();
        DeploymentProfile p = DeploymentProfile.builder().engine(new EngineKind(engine)).name("fake-" + engine)
                .model(engine.equals("llama-server") ? model.toString() : "org/model").binary(FakeEngineMain.script(dir, fixture).toString())
                .apiKey(KEY).port(port).build();
        deployment = new Deployment(p, LaunchContext.forThisJvm(), dir.resolve("work"), new EngineTarget(), exec,
                RestartPolicy.DEFAULT, Clock.systemUTC());
        deployment.start();
        assertThat(deployment.awaitReady(Duration.ofSeconds(60))).isEmpty();

        HttpResponse<String> reply = send(deployment.frontUrl().resolve("/v1/chat/completions"),
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(FakeEngineMain.CHAT);

        URI replica = deployment.commands().getFirst().baseUrl();
        String argv = send(replica.resolve("/inferdeck-test/argv"), null).body();
        assertThat(argv).contains("--port").doesNotContain(KEY);   // the key never reaches argv (ps shows argv)
        assertThat(send(replica.resolve("/inferdeck-test/env?name=" + keyVariable), null).body()).isEqualTo(KEY);

        String metrics = send(deployment.frontUrl().resolve("/metrics"), null).body();
        EngineMetrics m = new MetricsNormalizer(Clock.systemUTC(), Duration.ofSeconds(30)).update(ParsedMetrics.parse(metrics));
        assertThat(m.flavor()).isEqualTo(new EngineFlavor(flavor));
        assertThat(metrics).contains("inferdeck_gateway_");   // the gateway's own families come first
        deployment.stop().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> send(URI uri, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY);
        b = json == null ? b.GET() : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

}
