package io.inferdeck.control.supervisor;

import io.inferdeck.control.launch.LaunchCommand;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One engine of a {@link Deployment} as the deployment and its observers see it: a supervised process
 * ({@link EngineSupervisor}) or an engine running elsewhere ({@link AttachedEngine}). Listeners get each new
 * {@link EngineState} on the {@code engine-supervisor} thread and must not block; no method blocks except
 * {@link #close()} (bounded).
 */
public interface Replica extends AutoCloseable {

    EngineState state();

    /** What InferDeck saw of this engine: its process output, or health transitions of an attached one. */
    LogRing log();

    /** Adds a listener and tells it the current state. */
    void subscribe(Consumer<EngineState> listener);

    /** Starts (or attaches to) the engine {@code cmd} describes; {@code name} labels it. */
    CompletableFuture<Void> start(LaunchCommand cmd, String name);

    CompletableFuture<Void> stop();

    @Override
    void close();
}
