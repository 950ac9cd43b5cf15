package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gpu.EnginePidRegistry;
import io.inferdeck.views.engine.EngineSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's engine service with real runner processes (TINY model): saved profiles appear as
 * choices, and Apply replaces the running engine with the new profile (a new process, the old one gone).
 */
class EngineServiceTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<EngineSnapshot> last = new AtomicReference<>();
    /** Longest time between two published snapshots: the engine-supervisor thread must never be blocked. */
    private final java.util.concurrent.atomic.AtomicLong maxGapNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong lastAt = new java.util.concurrent.atomic.AtomicLong();
    private EngineService service;

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        exec.shutdownNow();
    }

    @Test
    void applyReplacesTheRunningEngineWithTheSavedProfile() throws Exception {
        Path model = dir.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        ProfileLibrary library = new ProfileLibrary(dir.resolve("profiles"));
        DeploymentProfile one = DeploymentProfile.builder().engine(EngineKind.BUILTIN).name("tiny-one")
                .model(model.toString()).ctx(256).port(io.inferdeck.control.supervisor.FreePorts.allocate()).build();
        library.save(one);
        library.save(one.toBuilder().name("tiny-two").parallel(2).ctx(512).build());
        EnginePidRegistry pids = new EnginePidRegistry();
        service = new EngineService(exec, new ModelLibrary(dir.resolve("models")), dir.resolve("engines"),
                new EngineTarget(), this::published, pids, library);

        EngineSnapshot idle = await(s -> s.choices().size() == 3);
        assertThat(idle.choices()).extracting(ProfileLibrary.Entry::name)
                .containsExactly("default (embedded model)", "tiny-one", "tiny-two");

        service.apply(idle.choices().get(1).profile());
        EngineSnapshot first = await(s -> s.profile() != null && s.profile().name().equals("tiny-one")
                && s.replicas().getFirst() instanceof EngineState.Ready);
        long firstPid = ((EngineState.Ready) first.replicas().getFirst()).pid();
        assertThat(first.commandLines()).singleElement().asString().contains("--ctx 256");

        maxGapNanos.set(0);
        service.apply(idle.choices().get(2).profile());
        EngineSnapshot second = await(s -> s.profile() != null && s.profile().name().equals("tiny-two")
                && s.replicas().getFirst() instanceof EngineState.Ready);
        assertThat(second.commandLines()).singleElement().asString().contains("--parallel 2");
        assertThat(((EngineState.Ready) second.replicas().getFirst()).pid()).isNotEqualTo(firstPid);
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).as("old engine gone").isFalse();
        // Applying closes the old deployment off the supervisor thread: its periodic snapshots (every 500 ms)
        // keep coming. Closing it on that thread stalls them until the stop timeout (about 20 s).
        assertThat(Duration.ofNanos(maxGapNanos.get())).as("supervisor thread blocked during apply").isLessThan(Duration.ofSeconds(8));
        Path firstLog;
        try (var logs = java.nio.file.Files.walk(dir.resolve("engines"))) {
            firstLog = logs.filter(f -> f.getFileName().toString().equals("engine-" + firstPid + ".log")).findFirst().orElseThrow();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();   // the log pump may trail the exit
        while (!read(firstLog).contains("inferdeck-runner: stopped") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(read(firstLog)).as("the old engine drained and stopped (SIGTERM), and its last lines reached the log").contains("inferdeck-runner: stopped");
    }

    private void published(EngineSnapshot s) {
        long now = System.nanoTime();
        long before = lastAt.getAndSet(now);
        if (before != 0) {
            maxGapNanos.accumulateAndGet(now - before, Math::max);
        }
        last.set(s);
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
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
