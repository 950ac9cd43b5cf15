package io.inferdeck.services.engine;

import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.control.supervisor.LogLevel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Follows one start of a deployment to its outcome: completes with {@code applied} once every replica is
 * Ready, or fails with the first sign that it will not be: a replica crashed, stopped after it had started,
 * or could not be started at all. It is armed when the start is issued and sees only that deployment's
 * states from then on, so an earlier engine's Ready never counts. Engine-supervisor thread only.
 */
final class ReadinessWatch {
    /** How EngineSupervisor words a process it could not spawn (it then goes Stopped without Starting). */
    static final String COULD_NOT_START = "could not start";

    private final CompletableFuture<Applied> outcome;
    private final Applied applied;
    private final EngineState[] states;
    private final boolean[] started;

    ReadinessWatch(CompletableFuture<Applied> outcome, Applied applied, int replicas) {
        this.outcome = outcome;
        this.applied = applied;
        this.states = new EngineState[replicas];
        this.started = new boolean[replicas];
    }

    CompletableFuture<Applied> outcome() {
        return outcome;
    }

    void accept(int replica, EngineState state) {
        if (outcome.isDone()) {
            return;
        }
        states[replica] = state;
        switch (state) {
            case EngineState.Starting s -> started[replica] = true;
            case EngineState.Crashed c -> fail(who(replica) + " exited with code " + c.exitCode() + " before it was Ready"
                    + LogLevel.lastError(c.lastLines()).map(l -> ": " + l).orElse(""));
            case EngineState.Stopped s when started[replica] || s.reason().startsWith(COULD_NOT_START) ->
                    fail(who(replica) + " stopped before it was Ready: " + s.reason());
            default -> { }
        }
        if (Arrays.stream(states).allMatch(s -> s instanceof EngineState.Ready)) {
            outcome.complete(applied);
        }
    }

    /** Ends the watch without Ready (superseded, stopped, closed); no-op once decided. */
    void fail(String reason) {
        outcome.completeExceptionally(new ApplyFailure(reason));
    }

    private String who(int replica) {
        return states.length > 1 ? "replica " + replica : "the engine";
    }
}
