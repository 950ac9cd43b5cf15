package io.inferdeck.services.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.supervisor.EngineState;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReadinessWatchTest {
    private static final URI URL = URI.create("http://127.0.0.1:18080");
    private final Applied applied = new Applied(DeploymentProfile.builder().name("wide").parallel(4).build(), URL);
    private final CompletableFuture<Applied> outcome = new CompletableFuture<>();

    private static EngineState.Ready ready(long pid) {
        return new EngineState.Ready(URL, pid, Instant.EPOCH);
    }

    @Test
    void completesOnlyOnceEveryReplicaIsReady() {
        ReadinessWatch watch = new ReadinessWatch(outcome, applied, 2);
        watch.accept(0, new EngineState.Stopped("not started"));   // the state a fresh subscription is told
        watch.accept(0, new EngineState.Starting(1, 10));
        watch.accept(1, new EngineState.Starting(1, 11));
        watch.accept(0, ready(10));
        assertThat(outcome).isNotDone();
        watch.accept(1, ready(11));
        assertThat(outcome).isCompletedWithValue(applied);
    }

    @Test
    void aCrashBeforeReadyFailsWithExitCodeAndTheEnginesLastErrorLine() {
        ReadinessWatch watch = new ReadinessWatch(outcome, applied, 1);
        watch.accept(0, new EngineState.Starting(1, 10));
        watch.accept(0, new EngineState.Crashed(3, List.of("a", "inferdeck-runner: error: model file not found: /m.gguf",
                "shutting down", "[inferdeck] startup failure (exit code 3)"), "restart in 500 ms"));
        watch.accept(0, ready(12));    // the restart that follows does not turn it into a success
        assertThat(outcome).isCompletedExceptionally();
        assertThat(ApplyFailure.reasonOf(outcome.exceptionNow())).isEqualTo(
                "the engine exited with code 3 before it was Ready: inferdeck-runner: error: model file not found: /m.gguf");
    }

    @Test
    void aStopAfterStartingOrAFailedSpawnFailsButTheStopOfAnOldProcessDoesNot() {
        ReadinessWatch watch = new ReadinessWatch(outcome, applied, 2);
        watch.accept(1, new EngineState.Stopping(9));
        watch.accept(1, new EngineState.Stopped("stopped by operator (exit 0)"));   // the process before this start
        assertThat(outcome).isNotDone();
        watch.accept(0, new EngineState.Stopped("could not start: no such file"));
        assertThat(ApplyFailure.reasonOf(outcome.exceptionNow())).isEqualTo(
                "replica 0 stopped before it was Ready: could not start: no such file");

        CompletableFuture<Applied> second = new CompletableFuture<>();
        ReadinessWatch again = new ReadinessWatch(second, applied, 1);
        again.accept(0, new EngineState.Starting(1, 10));
        again.accept(0, new EngineState.Stopped("stopped by operator (exit 143)"));
        assertThat(ApplyFailure.reasonOf(second.exceptionNow())).contains("stopped before it was Ready");
    }
}
