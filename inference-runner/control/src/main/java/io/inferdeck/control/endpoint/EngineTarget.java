package io.inferdeck.control.endpoint;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine the console currently talks to, shared by every feature. The supervisor (or the operator
 * attaching to a remote engine) sets it when an engine becomes Ready and clears it when it stops.
 *
 * <p>Thread-safe. Listeners run on the thread that calls {@link #set}/{@link #clear} and must not block;
 * UI code hands the value to the FX dispatcher rather than touching nodes from a listener.
 */
public final class EngineTarget {
    private final AtomicReference<Optional<EngineEndpoint>> current = new AtomicReference<>(Optional.empty());
    private final List<Consumer<Optional<EngineEndpoint>>> listeners = new CopyOnWriteArrayList<>();

    public Optional<EngineEndpoint> current() {
        return current.get();
    }

    public void set(EngineEndpoint endpoint) {
        publish(Optional.of(endpoint));
    }

    public void clear() {
        publish(Optional.empty());
    }

    /** Registers a listener and immediately tells it the current value; returns a handle to unsubscribe. */
    public AutoCloseable subscribe(Consumer<Optional<EngineEndpoint>> listener) {
        listeners.add(listener);
        listener.accept(current.get());
        return () -> listeners.remove(listener);
    }

    private void publish(Optional<EngineEndpoint> value) {
        Optional<EngineEndpoint> previous = current.getAndSet(value);
        if (!previous.equals(value)) {
            listeners.forEach(l -> l.accept(value));
        }
    }
}
