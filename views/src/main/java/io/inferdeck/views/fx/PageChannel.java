package io.inferdeck.views.fx;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A page's one way to the FX thread: its whole state as one immutable value, changed by any thread with
 * {@link #update} and delivered through one {@link FxDispatcher} channel. Each publish is the cumulative
 * state, so the dispatcher's coalescing (only the newest value is delivered, at most every 100 ms) never
 * loses a part; the page compares parts by identity to see which changed.
 */
public final class PageChannel<S> {
    private final AtomicReference<S> state;
    private final FxDispatcher.Channel<S> channel;

    /** Registers channel {@code key}; {@code onFx} gets the newest state on the FX thread. */
    public PageChannel(FxDispatcher dispatcher, String key, S initial, Consumer<? super S> onFx) {
        this.state = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.channel = dispatcher.channel(key, onFx);
    }

    /** Any thread: applies {@code change} atomically and publishes the result. {@code change} may run more than once. */
    public void update(UnaryOperator<S> change) {
        channel.publish(state.updateAndGet(change));
    }

    /** Any thread: publishes the current state again (for parts the page derives from a clock). */
    public void republish() {
        channel.publish(state.get());
    }

    public S current() {
        return state.get();
    }
}
