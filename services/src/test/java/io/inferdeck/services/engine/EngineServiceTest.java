package io.inferdeck.services.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.services.bus.LiveBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's engine service with real runner processes (TINY model): saved profiles appear as
 * choices, Apply replaces the running engine with the new profile (a new process, the old one gone) and
 * its stage reports Ready with the profile as it runs, or why the engine did not get there.
 */
class EngineServiceTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final LiveBus bus = new LiveBus();
    private final AtomicReference<EngineSnapshot> last = new AtomicReference<>();
    /** Longest wait of a 100 ms probe task on the supervisor executor: the engine-supervisor thread must never be blocked. */
    private final AtomicLong maxGapNanos = new AtomicLong();
    private final AtomicLong lastAt = new AtomicLong();
    private EngineService service;

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        exec.shutdownNow();
        worker.shutdownNow();
    }

    private EngineService start(ProfileLibrary library) {
        bus.topic(EngineService.SNAPSHOTS).subscribe(last::set);
        exec.scheduleAtFixedRate(this::probe, 0, 100, TimeUnit.MILLISECONDS);
        EngineLauncher launcher = new EngineLauncher(new ModelLibrary(dir.resolve("models")), LaunchContext.forThisJvm(),
                dir.resolve("engines"), exec, Clock.systemUTC());
        return new EngineService(exec, worker, launcher, library, new EngineTarget(), new EnginePidRegistry(),
                bus.topic(EngineService.SNAPSHOTS));
    }

    @Test
    void applyReplacesTheRunningEngineWithTheSavedProfile() throws Exception {
        Path model = dir.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        ProfileLibrary library = new ProfileLibrary(dir.resolve("profiles"));
        DeploymentProfile one = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("tiny-one")
                .model(model.toString()).ctx(256).port(FreePorts.allocate()).build();
        library.save(one);
        // tiny-two asks for GPU layers; the embedded runner's llama build is CPU-only, so it must show the offload warning
        library.save(one.toBuilder().name("tiny-two").parallel(2).ctx(512).gpuLayers(99).build());
        service = start(library);

        EngineSnapshot idle = await(s -> s.choices().size() == 3);
        assertThat(idle.choices()).extracting(ProfileLibrary.Entry::name)
                .containsExactly("default (embedded model)", "tiny-one", "tiny-two");

        Applied applied = service.apply(idle.choices().get(1).profile()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        EngineSnapshot first = await(s -> s.profile() != null && s.profile().name().equals("tiny-one")
                && s.replicas().getFirst() instanceof EngineState.Ready);
        assertThat(applied.profile()).isEqualTo(first.profile());
        assertThat(applied.baseUrl().getPort()).isEqualTo(one.port());
        long firstPid = ((EngineState.Ready) first.replicas().getFirst()).pid().orElseThrow();
        assertThat(first.commandLines()).singleElement().asString().contains("--ctx 256");
        assertThat(first.offloadWarning()).as("no GPU layers asked, nothing to warn about").isEmpty();

        maxGapNanos.set(0);
        Applied second = service.apply(idle.choices().get(2).profile()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(second.profile().name()).isEqualTo("tiny-two");
        EngineSnapshot running = await(s -> s.profile() != null && s.profile().name().equals("tiny-two")
                && s.replicas().getFirst() instanceof EngineState.Ready);
        assertThat(running.commandLines()).singleElement().asString().contains("--parallel 2");
        assertThat(OffloadCheck.backend(((EngineState.Ready) running.replicas().getFirst()).baseUrl())).contains("cpu");
        EngineSnapshot warned = await(s -> s.profile() != null && s.profile().name().equals("tiny-two") && s.offloadWarning().isPresent());
        assertThat(warned.offloadWarning()).contains(OffloadCheck.ON_CPU);
        assertThat(((EngineState.Ready) running.replicas().getFirst()).pid()).isNotEqualTo(java.util.OptionalLong.of(firstPid));
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).as("old engine gone").isFalse();
        // Applying closes the old deployment off the supervisor thread. Closing it there would stall the
        // thread until the stop timeout (about 20 s).
        assertThat(Duration.ofNanos(maxGapNanos.get())).as("supervisor thread blocked during apply").isLessThan(Duration.ofSeconds(8));
        Path firstLog;
        try (var logs = Files.walk(dir.resolve("engines"))) {
            firstLog = logs.filter(f -> f.getFileName().toString().equals("engine-" + firstPid + ".log")).findFirst().orElseThrow();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();   // the log pump may trail the exit
        while (!read(firstLog).contains("inferdeck-runner: stopped") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(read(firstLog)).as("the old engine drained and stopped (SIGTERM), and its last lines reached the log").contains("inferdeck-runner: stopped");
    }

    @Test
    void applyFailsWithTheReasonWhenTheEngineExitsBeforeReadyOrTheProfileIsInvalid() throws Exception {
        service = start(new ProfileLibrary(dir.resolve("profiles")));
        Path model = dir.resolve("tiny.gguf");
        io.inferdeck.gguf.ModelGenerator.write(io.inferdeck.gguf.LlamaModelSpec.TINY, io.inferdeck.gguf.GgmlType.Q8_0, model);
        // passes every pre-start check, but the engine refuses a flag only it knows: it exits before Ready
        DeploymentProfile badFlag = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("badflag")
                .model(model.toString()).ctx(256).extraArgs(List.of("--no-such-flag")).port(FreePorts.allocate()).build();

        assertThatThrownBy(() -> service.apply(badFlag).toCompletableFuture().get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ApplyFailure.class)
                .hasMessageContaining("exited with code").hasMessageContaining("before it was Ready")
                .hasMessageContaining("--no-such-flag");
        // caught before anything starts
        DeploymentProfile missing = badFlag.toBuilder().name("missing").extraArgs(List.of())
                .model(dir.resolve("no-such-model.gguf").toString()).build();
        assertThatThrownBy(() -> service.apply(missing).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ApplyFailure.class).hasMessageContaining("model: no such file");
        assertThatThrownBy(() -> service.apply(missing.toBuilder().ctx(-5).build()).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .cause().hasMessageStartingWith("invalid profile").hasMessageContaining("ctx");
    }

    private void probe() {
        long now = System.nanoTime();
        long before = lastAt.getAndSet(now);
        if (before != 0) {
            maxGapNanos.accumulateAndGet(now - before, Math::max);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private EngineSnapshot await(Predicate<EngineSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            EngineSnapshot s = last.get();
            if (s != null && condition.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("condition not reached; last snapshot: " + last.get());
    }
}
