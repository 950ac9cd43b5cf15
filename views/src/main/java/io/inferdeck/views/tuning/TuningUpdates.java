package io.inferdeck.views.tuning;

import io.inferdeck.views.fx.FxDispatcher;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The worker side of the Tuning page's one dispatcher channel. Any thread calls {@link #update}: the change
 * is applied to the cumulative state atomically and the result published, so the FX side (which only ever
 * gets the newest value, at most 10 times a second) sees every part however often producers publish.
 */
final class TuningUpdates {
    private final AtomicReference<TuningState> state = new AtomicReference<>(TuningState.EMPTY);
    private final FxDispatcher.Channel<TuningState> channel;

    TuningUpdates(FxDispatcher.Channel<TuningState> channel) {
        this.channel = channel;
    }

    void update(UnaryOperator<TuningState> change) {
        channel.publish(state.updateAndGet(change));
    }

    void message(String text) {
        update(s -> s.withMessage(text));
    }

    TuningState current() {
        return state.get();
    }
}
