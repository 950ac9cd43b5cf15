package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real runner replicas behind the gateway: SIGKILL of one mid-load loses no request. */
class DeploymentRouterProcessTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private Deployment deployment;

    @AfterEach
    void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
        exec.shutdownNow();
    }

    @Test
    void killingOneReplicaMidLoadLosesNoRequestAndItComesBack() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, model);
        int port = FreePorts.allocate();
        DeploymentProfile p = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("pair").model(model.toString())
                .ctx(512).batch(256).ubatch(256).parallel(1).threads(2).replicas(2).port(port).build();
        LaunchContext ctx = LaunchContext.forThisJvm().withJvmOptions(List.of(LaunchContext.RUNNER_JVM_OPTIONS.getFirst(), "-Xmx256m"));
        EngineTarget target = new EngineTarget();
        deployment = new Deployment(p, ctx, dir.resolve("work"), target, exec, RestartPolicy.DEFAULT, Clock.systemUTC());
        deployment.start();
        awaitAllReady();
        assertThat(target.current()).hasValueSatisfying(e -> assertThat(e.baseUrl().getPort()).isEqualTo(port));

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":8}"))
                .build();
        long victim = ((EngineState.Ready) deployment.replicas().getFirst().state()).pid().orElseThrow();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i == 5) {
                ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            }
            statuses.add(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        assertThat(statuses).containsOnly(200);
        awaitAllReady();
        assertThat(((EngineState.Ready) deployment.replicas().getFirst().state()).pid()).isNotEqualTo(java.util.OptionalLong.of(victim));
    }

    private void awaitAllReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (deployment.replicas().stream().allMatch(r -> r.state() instanceof EngineState.Ready)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("replicas not ready: " + deployment.replicas().stream().map(Replica::state).toList());
    }
}
