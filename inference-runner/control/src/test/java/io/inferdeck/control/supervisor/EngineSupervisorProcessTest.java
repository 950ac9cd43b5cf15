package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchCommand;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchPlanner;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real runner process under supervision: ready, SIGKILL noticed and healed, graceful stop leaves nothing. */
class EngineSupervisorProcessTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final List<EngineState> states = new CopyOnWriteArrayList<>();
    private final EngineTarget target = new EngineTarget();
    private EngineSupervisor supervisor;

    @AfterEach
    void tearDown() {
        if (supervisor != null) {
            supervisor.close();
        }
        exec.shutdownNow();
    }

    private LaunchCommand command() throws Exception {
        Path model = dir.resolve("tiny-q8_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, model);
        DeploymentProfile p = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("test").model(model.toString())
                .ctx(512).batch(256).ubatch(256).parallel(1).threads(1).port(FreePorts.allocate()).build();
        LaunchContext ctx = LaunchContext.forThisJvm().withJvmOptions(List.of(LaunchContext.RUNNER_JVM_OPTIONS.getFirst(), "-Xmx256m"));
        return LaunchPlanner.render(p, ctx).getFirst();
    }

    private EngineState await(Predicate<EngineState> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            EngineState s = supervisor.state();
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; states: " + states + "\nlog: " + supervisor.log().tail(30));
    }

    private EngineState awaitRecorded(Predicate<EngineState> condition, String what) throws InterruptedException {
        await(s -> states.stream().anyMatch(condition), what);
        return states.stream().filter(condition).findFirst().orElseThrow();
    }

    @Test
    void killedEngineIsNoticedRestartedAndStoppedCleanly() throws Exception {
        supervisor = new EngineSupervisor(exec, dir.resolve("work"), target, RestartPolicy.DEFAULT, Clock.systemUTC());
        supervisor.subscribe(states::add);
        LaunchCommand cmd = command();
        supervisor.start(cmd, "tiny");

        EngineState.Ready ready = (EngineState.Ready) await(s -> s instanceof EngineState.Ready, "Ready");
        assertThat(target.current()).isPresent();
        assertThat(get(cmd.baseUrl().resolve("/health"))).isEqualTo(200);
        long firstPid = ready.pid().orElseThrow();

        Path leftover = runnerDirOf(firstPid);
        assertThat(leftover).isDirectory();
        long killedAt = System.nanoTime();
        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();   // SIGKILL
        // recorded, not polled: a lone replica that had been Ready restarts at once, so Crashed is brief
        EngineState crashed = awaitRecorded(s -> s instanceof EngineState.Crashed, "Crashed");
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(((EngineState.Crashed) crashed).exitCode()).isEqualTo(137);

        EngineState.Ready again = (EngineState.Ready) await(s -> s instanceof EngineState.Ready r && r.pid().orElseThrow() != firstPid, "Ready again");
        assertThat(get(cmd.baseUrl().resolve("/health"))).isEqualTo(200);
        assertThat(leftover).as("the SIGKILLed runner's temp folder, swept by the next start").doesNotExist();

        supervisor.stop().get(20, TimeUnit.SECONDS);
        assertThat(supervisor.state()).isInstanceOf(EngineState.Stopped.class);
        assertThat(ProcessHandle.of(again.pid().orElseThrow()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(target.current()).isEmpty();
        assertThat(states).extracting(EngineState::getClass).containsSubsequence(
                EngineState.Starting.class, EngineState.Ready.class, EngineState.Crashed.class,
                EngineState.Starting.class, EngineState.Ready.class, EngineState.Stopping.class, EngineState.Stopped.class);
        assertThat(supervisor.log().tail(500)).anyMatch(l -> l.contains("inferdeck-runner: ready"));
    }

    @Test
    void aCrashBeforeReadyIsAStartupFailureWithTheEnginesErrorLineAndNoRestart() throws Exception {
        supervisor = new EngineSupervisor(exec, dir.resolve("work"), target, RestartPolicy.DEFAULT, Clock.systemUTC());
        supervisor.subscribe(states::add);
        LaunchCommand bad = new LaunchCommand(0, "127.0.0.1", FreePorts.allocate(), URI.create("http://127.0.0.1:1"),
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), "io.inferdeck.runner.RunnerMain",
                        "--model", dir.resolve("missing.gguf").toString()),
                java.util.Map.of(), "runner with a missing model", HealthCheck.ok("/health"));
        supervisor.start(bad, "bad");
        EngineState s = await(x -> x instanceof EngineState.Stopped st && !st.reason().equals("not started"), "Stopped");
        assertThat(((EngineState.Stopped) s).reason()).startsWith("startup failure (exit code 1): ").contains("missing.gguf")
                .doesNotContain("\n");
        assertThat(states.stream().filter(EngineState.Crashed.class::isInstance)).hasSize(1);
        assertThat(states.stream().filter(EngineState.Starting.class::isInstance)).hasSize(1);
        assertThat(supervisor.log().tail(100)).anyMatch(l -> l.contains("missing.gguf"));
    }

    @Test
    void aJvmCrashWritesItsHsErrFileIntoTheEnginesLogFolderNotTheWorkingDirectory() throws Exception {
        // issue 21, failure 2: hs_err_pid*.log files appeared in the directory `up` was started from
        Path work = dir.resolve("work");
        supervisor = new EngineSupervisor(exec, work, target, RestartPolicy.DEFAULT, Clock.systemUTC());
        supervisor.subscribe(states::add);
        Path cwd = Path.of(System.getProperty("user.dir"));
        List<Path> before = hsErrFiles(cwd);
        LaunchCommand crashing = new LaunchCommand(0, "127.0.0.1", FreePorts.allocate(), URI.create("http://127.0.0.1:1"),
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                        "-XX:+CrashOnOutOfMemoryError", "-XX:-CreateCoredumpOnCrash", "-cp",
                        System.getProperty("java.class.path"), HeapFillerMain.class.getName()),
                java.util.Map.of(), "a JVM that aborts", HealthCheck.ok("/health"));
        supervisor.start(crashing, "crashing");
        EngineState s = await(x -> x instanceof EngineState.Stopped st && !st.reason().equals("not started"), "Stopped");
        assertThat(((EngineState.Stopped) s).reason()).startsWith("startup failure (exit code ");   // 1: no core dump wanted
        assertThat(hsErrFiles(work)).as("hs_err beside the engine log in %s", work).hasSize(1);
        assertThat(hsErrFiles(cwd)).as("hs_err files in the working directory %s", cwd).isEqualTo(before);
    }

    private static List<Path> hsErrFiles(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).sorted().toList();
        }
    }

    @Test
    void crashLoopAfterReadyGivesUpWithAReason() throws Exception {
        // Ready (the health answers come from a loopback server) and dead 2 s later, again and again
        try (LoopbackEngine health = new LoopbackEngine("/health", null)) {
            RestartPolicy quick = new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 2, Duration.ofMinutes(1));
            supervisor = new EngineSupervisor(exec, dir.resolve("work"), target, quick, Clock.systemUTC());
            supervisor.subscribe(states::add);
            LaunchCommand flaky = new LaunchCommand(0, "127.0.0.1", health.url().getPort(), health.url(),
                    List.of("sh", "-c", "sleep 2; echo 'error: out of memory' >&2; exit 1"),
                    java.util.Map.of(), "dies after 2 s", HealthCheck.ok("/health"));
            supervisor.start(flaky, "flaky");
            EngineState s = await(x -> x instanceof EngineState.Stopped st && st.reason().startsWith("gave up"), "give up");
            assertThat(((EngineState.Stopped) s).reason()).contains("3 crashes").contains("exit code 1");
            assertThat(states.stream().filter(EngineState.Crashed.class::isInstance)).hasSize(3);
            assertThat(states.stream().filter(EngineState.Ready.class::isInstance)).hasSize(3);
        }
    }

    @Test
    void repeatedKillsFromOutsideAfterReadyNeverMakeItGiveUp() throws Exception {
        // Ready, then SIGKILLed 1 s later, again and again: the chaos pattern (issue 21), not a crash loop
        try (LoopbackEngine health = new LoopbackEngine("/health", null)) {
            RestartPolicy quick = new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 2, Duration.ofMinutes(1));
            supervisor = new EngineSupervisor(exec, dir.resolve("work"), target, quick, Clock.systemUTC());
            supervisor.subscribe(states::add);
            LaunchCommand killed = new LaunchCommand(0, "127.0.0.1", health.url().getPort(), health.url(),
                    List.of("sh", "-c", "sleep 1; kill -9 $$"), java.util.Map.of(), "killed after 1 s", HealthCheck.ok("/health"));
            supervisor.start(killed, "killed");
            await(x -> states.stream().filter(EngineState.Crashed.class::isInstance).count() >= 5, "five kills");
            assertThat(states).noneMatch(x -> x instanceof EngineState.Stopped st && st.reason().startsWith("gave up"));
            assertThat(states.stream().filter(EngineState.Crashed.class::isInstance).map(c -> ((EngineState.Crashed) c).exitCode()))
                    .allMatch(code -> code == EngineSupervisor.KILLED);
        }
    }

    /** The runner's private temp folder: the one whose owner file names {@code pid}. */
    private static Path runnerDirOf(long pid) throws java.io.IOException {
        try (var dirs = java.nio.file.Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "inferdeck-runner-*")) {
            for (Path d : dirs) {
                Path owner = d.resolve(".inferdeck-owner");
                if (java.nio.file.Files.isRegularFile(owner)
                        && java.nio.file.Files.readString(owner).startsWith(pid + " ")) {
                    return d;
                }
            }
        }
        throw new AssertionError("no inferdeck-runner-* folder owned by " + pid);
    }

    private static int get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
