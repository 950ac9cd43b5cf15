package io.inferdeck.tuning.quant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.control.supervisor.RestartPolicy;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufTensorInfo;
import io.inferdeck.gguf.ModelGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every k-quant mix of a small llama model (rows of 256, so the k-quant blocks are really used) is loaded by
 * the built-in runner — llama.cpp, in its own JVM process — and serves a short completion.
 */
class KMixServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path f32;
    static ScheduledExecutorService exec;

    @BeforeAll
    static void source() throws Exception {
        f32 = dir.resolve("kmix-f32.gguf");
        ModelGenerator.write(KMixFixture.TWO_LAYERS, GgmlType.F32, f32);
        exec = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        exec.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(value = QuantMix.class, names = {"Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K"})
    void theRunnerLoadsAndGeneratesFromEveryMix(QuantMix mix) throws Exception {
        Path out = dir.resolve("kmix-" + mix.name().toLowerCase(java.util.Locale.ROOT) + ".gguf");
        Quantizer.quantize(f32, out, mix, false, QuantizeProgress.NONE);
        GgufFile q = GgufReader.read(out);
        assertThat(q.integer("general.file_type")).hasValue(mix.fileType());
        assertThat(q.tensors()).extracting(GgufTensorInfo::type).contains(mix.base());

        DeploymentProfile p = DeploymentProfile.builder().name("kmix-" + mix.name()).model(out.toString())
                .quantization(mix.name()).parallel(1).ctx(512).replicas(1).port(FreePorts.allocate()).build();
        try (Deployment d = new Deployment(p, LaunchContext.forThisJvm(), dir.resolve("run-" + mix.name()), new EngineTarget(), exec,
                RestartPolicy.NEVER, Clock.systemUTC())) {
            d.start();
            assertThat(d.awaitReady(Duration.ofSeconds(120))).as("%s failed to start", mix).isEmpty();
            JsonNode answer = complete(d.frontUrl(), "The river leaves the hills", 6);
            assertThat(answer.at("/usage/completion_tokens").asInt()).as(answer.toString()).isEqualTo(6);
            assertThat(answer.at("/choices/0/text").asText()).as(answer.toString()).isNotEmpty();
        }
    }

    private static JsonNode complete(URI base, String prompt, int tokens) throws Exception {
        String body = JSON.createObjectNode().put("prompt", prompt).put("max_tokens", tokens).put("temperature", 0)
                .put("ignore_eos", true).toString();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/completions")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }
    }
}
