package io.inferdeck.views.fx;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A page's one state channel: the page keeps everything its workers report in ONE immutable state value
 * {@code S}; any thread {@link #update changes} it atomically and publishes the result through a single
 * {@link FxDispatcher} channel, and the page renders (before, now) on the FX thread. Because each publish is
 * the cumulative state, coalescing never loses a part, and the order of parts never depends on channel
 * registration. Every page (Dashboard, Engine, Tuning, Playground, Safety, the status bar) uses it.
 *
 * <p>Threads: {@link #update} and {@link #current} from any thread; the renderer runs on the dispatcher's
 * drain (the FX thread). A render that causes another update (a listener that starts work on a same-thread
 * executor in tests) gets the newer state after it returns, never nested inside itself.
 *
 * @param <S> the page's immutable state record
 */
public final class PageState<S> {

    /** Shows a state change on the FX thread; {@code before} is the state shown until now. */
    @FunctionalInterface
    public interface Renderer<S> {
        void show(S before, S now);
    }

    private final AtomicReference<S> state;
    private final FxDispatcher.Channel<S> channel;
    private final Renderer<S> renderer;
    private S shown;           // FX thread only, as are the two below
    private S queued;
    private boolean rendering;

    public PageState(FxDispatcher dispatcher, String key, S initial, Renderer<S> renderer) {
        this.state = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.shown = initial;
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.channel = dispatcher.channel(key, this::deliver);
    }

    /** A page that only needs the newest state (it compares parts itself, or redraws whole). */
    public static <S> PageState<S> latest(FxDispatcher dispatcher, String key, S initial, Consumer<? super S> onFx) {
        return new PageState<>(dispatcher, key, initial, (before, now) -> onFx.accept(now));
    }

    /** Any thread. {@code change} may run more than once under contention: keep it free of side effects. */
    public S update(UnaryOperator<S> change) {
        S next = state.updateAndGet(change);
        channel.publish(next);
        return next;
    }

    /** Any thread: publishes the current state again (for parts the page derives from a clock, such as uptime). */
    public void republish() {
        channel.publish(state.get());
    }

    /** Any thread: the newest state, which may be ahead of what the page shows. */
    public S current() {
        return state.get();
    }

    /** True when {@code part} of the two states is a different object (parts are immutable, so a new one means news). */
    public static <S> boolean changed(S before, S now, Function<S, ?> part) {
        return part.apply(before) != part.apply(now);
    }

    private void deliver(S next) {
        if (rendering) {
            queued = next;
            return;
        }
        rendering = true;
        try {
            for (S s = next; s != null; s = queued, queued = null) {
                S before = shown;
                shown = s;
                renderer.show(before, s);
            }
        } finally {
            rendering = false;
            if (queued != null) {   // only when a render threw: deliver the newest state on the next drain
                queued = null;
                channel.publish(state.get());
            }
        }
    }
}
