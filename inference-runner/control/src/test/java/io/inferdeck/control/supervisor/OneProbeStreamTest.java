package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.gateway.Upstream;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each engine of a deployment gets one stream of health probes, its replica's, and the gateway routes by it: the
 * engines record which client sent each health check (its User-Agent; the gateway's own check would come from its
 * Jetty client, the replicas' from the JDK's). A launched replica that hangs is still taken out of rotation.
 */
class OneProbeStreamTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Deployment deployment;
    private LoopbackEngine attached;

    @AfterEach
    void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
        if (attached != null) {
            attached.close();
        }
        exec.shutdownNow();
    }

    @Test
    void launchedReplicasAreProbedByTheirSupervisorsOnlyAndAHungOneIsRoutedAround() throws Exception {
        Path model = Files.writeString(dir.resolve("model.gguf"), "stand-in: the fake engine never reads it");
        DeploymentProfile p = DeploymentProfile.builder().engine(EngineKind.LLAMA_SERVER).name("two").model(model.toString())
                .binary(fakeBinary().toString()).replicas(2).port(FreePorts.allocate()).build();
        deployment = new Deployment(p, LaunchContext.forThisJvm(), dir.resolve("work"), new EngineTarget(), exec,
                RestartPolicy.DEFAULT, Clock.systemUTC());
        deployment.start();
        await(() -> deployment.replicas().stream().allMatch(r -> r.state() instanceof EngineState.Ready), "both replicas Ready");
        // 25 probes at the supervisor's 100 ms period span more than two periods of the gateway's own check (1 s)
        for (int i = 0; i < 2; i++) {
            URI replica = deployment.commands().get(i).baseUrl();
            await(() -> probes(replica).stream().mapToInt(a -> Integer.parseInt(a.split("\t")[1])).sum() >= 25, "25 probes");
            assertThat(probes(replica)).as("one client probes replica " + i).hasSize(1);
        }

        get(deployment.commands().get(1).baseUrl().resolve("/inferdeck-test/hang"));
        await(() -> deployment.replicas().get(1).state() instanceof EngineState.Degraded, "the hung replica Degraded");
        Upstream hung = deployment.gateway().upstreams().all().get(1);
        assertThat(hung.healthy()).isFalse();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(deployment.frontUrl().resolve("/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
        }
        assertThat(deployment.gateway().requestLog().latest(6)).allSatisfy(r -> assertThat(r.upstream()).isEqualTo("replica-0"));
    }

    @Test
    void anAttachedEngineIsProbedOnceAndStillChecked() throws Exception {
        attached = new LoopbackEngine("/health", null);
        deployment = new Deployment(DeploymentProfile.builder().engine(new EngineKind("tgi")).name("tgi-box")
                .baseUrl(attached.url().toString()).port(FreePorts.allocate()).build(), LaunchContext.forThisJvm(), dir,
                new EngineTarget(), exec, RestartPolicy.DEFAULT, Clock.systemUTC());
        deployment.start();
        await(() -> deployment.replicas().getFirst().state() instanceof EngineState.Ready, "Ready");
        // 6 probes at the attached engine's 500 ms period span more than two periods of the gateway's own check (1 s)
        await(() -> attached.healthAgents.size() >= 6, "6 probes");
        assertThat(attached.healthAgents.stream().distinct()).as("one client probes the engine").hasSize(1);
        attached.health(503);
        await(() -> deployment.replicas().getFirst().state() instanceof EngineState.Degraded, "Degraded");
        assertThat(deployment.gateway().upstreams().all().getFirst().healthy()).isFalse();
    }

    /** The distinct clients that probed {@code replica}'s /health, each as "agent TAB count". */
    private List<String> probes(URI replica) throws Exception {
        String body = get(replica.resolve("/inferdeck-test/health-agents"));
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
    }

    private String get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void await(Callable condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private interface Callable {
        boolean holds() throws Exception;
    }

    /** An executable script standing in for llama-server: this JVM's java running {@link FakeEngineMain}. */
    private Path fakeBinary() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path script = dir.resolve("fake-engine");
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + FakeEngineMain.class.getName() + " llamacpp-2.txt \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
