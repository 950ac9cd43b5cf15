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

    /**
     * Adds a listener run after each health probe that found the engine ready, on the {@code engine-supervisor}
     * thread (it must not block). This replica's probe is the only one its engine gets: the deployment's gateway
     * takes these passes (they lift an ejection and wake requests waiting for an upstream) and its state (Ready or
     * not) instead of probing the engine again.
     */
    void subscribeProbes(Runnable passed);

    /** Starts (or attaches to) the engine {@code cmd} describes; {@code name} labels it. */
    CompletableFuture<Void> start(LaunchCommand cmd, String name);

    CompletableFuture<Void> stop();

    @Override
    void close();
}
