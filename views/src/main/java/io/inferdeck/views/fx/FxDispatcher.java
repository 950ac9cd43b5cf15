package io.inferdeck.views.fx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one bridge from background threads to the FX thread, and the only class that calls
 * {@link Platform#runLater} (an ArchUnit rule holds everyone else to that).
 *
 * <p>Producers on any thread {@link Channel#publish publish} immutable snapshots into a channel per
 * source; a newer snapshot overwrites an undelivered one. Only the clean-to-dirty transition posts a
 * drain to the FX thread, so at most one drain is ever pending no matter how fast producers are. The
 * drain hands every channel's latest snapshot to its consumer, on the FX thread. Drains start at least
 * {@code minInterval} apart (100 ms = at most 10 Hz by default); a change that arrives sooner is posted
 * by the scheduler when the interval has passed.
 *
 * <p>Thread-safety: {@code publish} and {@code channel} may be called from any thread; consumers run on
 * whatever thread executes the posted runnable (the FX thread in production).
 */
public final class FxDispatcher implements AutoCloseable {

    /** Minimum time between two drains: 100 ms, i.e. the UI refreshes at most 10 times a second. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMillis(100);

    /** Runs a task once after a delay, on some background thread. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private static final System.Logger LOG = System.getLogger(FxDispatcher.class.getName());

    private final Consumer<Runnable> postToFx;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final long minIntervalNanos;
    private final List<Channel<?>> channels = new CopyOnWriteArrayList<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    // Written by the drain before it clears the dirty bit, so a producer that wins the next
    // clean-to-dirty CAS sees the time of the drain that cleaned it.
    private volatile long lastDrainNanos;
    private volatile boolean drainedBefore;

    public FxDispatcher(Consumer<Runnable> postToFx, Ticker ticker, Scheduler scheduler, Duration minInterval) {
        this.postToFx = Objects.requireNonNull(postToFx, "postToFx");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative: " + minInterval);
        }
        this.minIntervalNanos = minInterval.toNanos();
    }

    /** Production wiring: drains run via {@link Platform#runLater}; delayed posts go through {@code timer}. */
    public static FxDispatcher onFxThread(ScheduledExecutorService timer) {
        return new FxDispatcher(Platform::runLater, Ticker.system(),
                (task, delayNanos) -> timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS), DEFAULT_MIN_INTERVAL);
    }

    /**
     * Registers a source. {@code onFx} receives that source's latest snapshot during a drain.
     *
     * @throws IllegalArgumentException if {@code key} is already registered
     */
    public <T> Channel<T> channel(String key, Consumer<? super T> onFx) {
        Channel<T> channel = new Channel<>(key, onFx);
        synchronized (channels) {
            if (channels.stream().anyMatch(c -> c.key.equals(key))) {
                throw new IllegalArgumentException("channel already registered: " + key);
            }
            channels.add(channel);
        }
        return channel;
    }

    /** Stops posting drains; publishes after this are kept but never delivered. */
    @Override
    public void close() {
        closed.set(true);
    }

    private void markDirty() {
        if (closed.get() || !dirty.compareAndSet(false, true)) {
            return;
        }
        long wait = drainedBefore ? lastDrainNanos + minIntervalNanos - ticker.nanos() : 0;
        if (wait <= 0) {
            postToFx.accept(this::drain);
        } else {
            scheduler.schedule(() -> postToFx.accept(this::drain), wait);
        }
    }

    /** Runs on the FX thread: one pass over all channels, each delivering at most its latest value. */
    private void drain() {
        lastDrainNanos = ticker.nanos();
        drainedBefore = true;
        // Cleared before reading values: a publish racing with this pass posts a new drain instead of being lost.
        dirty.set(false);
        for (Channel<?> channel : channels) {
            channel.deliver();
        }
    }

    /** One source's mailbox: holds only the newest undelivered snapshot. */
    public final class Channel<T> {
        private final String key;
        private final Consumer<? super T> consumer;
        private final AtomicReference<T> latest = new AtomicReference<>();

        private Channel(String key, Consumer<? super T> consumer) {
            this.key = Objects.requireNonNull(key, "key");
            this.consumer = Objects.requireNonNull(consumer, "consumer");
        }

        public String key() {
            return key;
        }

        /** Any thread. Replaces an undelivered snapshot; never blocks. */
        public void publish(T snapshot) {
            latest.set(Objects.requireNonNull(snapshot, "snapshot"));
            markDirty();
        }

        private void deliver() {
            T value = latest.getAndSet(null);
            if (value == null) {
                return;
            }
            try {
                consumer.accept(value);
            } catch (RuntimeException e) {
                // One broken consumer must not starve the other sources.
                LOG.log(System.Logger.Level.WARNING, "consumer of channel '" + key + "' failed", e);
            }
        }
    }
}
