package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real built-in runner behind its gateway: the defaults OpenAI clients send, which the runner itself refuses
 * as unknown fields, are accepted through the gateway; the runner's model is found by id there.
 */
class BuiltinCompatProcessTest {
    private static final String WITH_DEFAULTS = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":4,"
            + "\"logit_bias\":{},\"store\":false,\"user\":\"u-42\",\"metadata\":{\"team\":\"a\"},\"parallel_tool_calls\":true}";
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
        http.close();
    }

    @Test
    void clientDefaultsTheRunnerRefusesPassThroughItsGatewayAndItsModelIsFoundById() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, model);
        DeploymentProfile p = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("compat").model(model.toString())
                .ctx(512).batch(256).ubatch(256).parallel(1).threads(2).port(FreePorts.allocate()).build();
        LaunchContext ctx = LaunchContext.forThisJvm().withJvmOptions(List.of(LaunchContext.RUNNER_JVM_OPTIONS.getFirst(), "-Xmx256m"));
        deployment = new Deployment(p, ctx, dir.resolve("work"), new EngineTarget(), exec, RestartPolicy.DEFAULT, Clock.systemUTC());
        deployment.start();
        assertThat(deployment.awaitReady(Duration.ofSeconds(60))).isEmpty();

        URI replica = deployment.commands().getFirst().baseUrl();
        HttpResponse<String> direct = post(replica, WITH_DEFAULTS);
        assertThat(direct.statusCode()).as("the runner alone refuses them").isEqualTo(400);
        HttpResponse<String> through = post(deployment.frontUrl(), WITH_DEFAULTS);
        assertThat(through.statusCode()).as(through.body()).isEqualTo(200);
        assertThat(through.body()).contains("\"chat.completion\"");

        String id = new ObjectMapper().readTree(get(deployment.frontUrl().resolve("/v1/models")).body())
                .path("data").get(0).path("id").asText();
        HttpResponse<String> one = get(deployment.frontUrl().resolve("/v1/models/" + java.net.URLEncoder.encode(id,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(one.body()).path("id").asText()).isEqualTo(id);
    }

    private HttpResponse<String> post(URI base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
