package io.inferdeck.gpu;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Samples a {@link GpuSource} at a fixed rate on one thread of its own (made by the injected
 * {@link ThreadFactory}; the composition root names it {@code gpu-sampler}) and publishes each
 * immutable {@link GpuSnapshot}.
 *
 * <p>Publishing never blocks the sampler: each subscriber has a latest-value slot that the
 * sampler overwrites, and the subscriber's executor is only asked to run a delivery when the
 * slot goes from empty to full. A slow subscriber therefore sees fewer, newer snapshots; it never
 * slows sampling down or queues up old ones. Deliveries to one subscriber never overlap.
 *
 * <p>Owns the source: {@link #close()} stops the thread, then closes the source.
 */
public final class GpuSampler implements AutoCloseable {

    public static final double DEFAULT_RATE_HZ = 2.0;
    public static final double MAX_RATE_HZ = 20.0;
    private static final System.Logger LOG = System.getLogger(GpuSampler.class.getName());

    private final GpuSource source;
    private final ThreadFactory threadFactory;
    private final double rateHz;
    private final Clock clock;
    private final ReentrantLock sampling = new ReentrantLock(); // the source is single-threaded
    private final List<SnapshotSubscription> subscribers = new CopyOnWriteArrayList<>();
    private volatile GpuSnapshot latest;
    private ScheduledExecutorService executor;
    private boolean closed;

    private GpuSampler(Builder b) {
        this.source = b.source;
        this.threadFactory = b.threadFactory;
        this.rateHz = b.rateHz;
        this.clock = b.clock;
    }

    public static Builder builder(GpuSource source) {
        return new Builder(source);
    }

    /** Daemon threads named {@code gpu-sampler}, for owners without a factory of their own. */
    public static ThreadFactory namedThreadFactory() {
        return Thread.ofPlatform().name("gpu-sampler").daemon(true).factory();
    }

    public double rateHz() {
        return rateHz;
    }

    /** Starts periodic sampling; the first sample is taken at once. */
    public synchronized void start() {
        if (closed || executor != null) {
            throw new IllegalStateException(closed ? "sampler closed" : "sampler already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(threadFactory);
        long periodNanos = Math.round(1e9 / rateHz);
        executor.scheduleAtFixedRate(this::sampleOnce, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Takes one sample on the calling thread and publishes it. Used by the sampler thread, and by
     * tests and the CLI without starting it. Blocks while another sample is in progress.
     */
    public GpuSnapshot sampleOnce() {
        GpuSnapshot snapshot;
        sampling.lock();
        try {
            snapshot = source.sample();
        } catch (RuntimeException e) {
            // a bug in a source must not end the periodic task (the executor would drop it silently)
            LOG.log(System.Logger.Level.WARNING, "GPU source " + source.kind() + " failed", e);
            snapshot = GpuSnapshot.withoutGpus(clock.instant(),
                    SourceState.error(source.kind() + " sampling failed: " + e));
        } finally {
            sampling.unlock();
        }
        latest = snapshot;
        for (SnapshotSubscription s : subscribers) {
            s.offer(snapshot);
        }
        return snapshot;
    }

    /** The most recent snapshot, or null before the first sample. Any thread. */
    public GpuSnapshot latest() {
        return latest;
    }

    /**
     * Delivers snapshots to {@code listener} on {@code deliverOn} (e.g. the FX dispatcher's, or
     * {@code Runnable::run} to deliver on the sampler thread itself). {@code deliverOn.execute}
     * must not block. Close the returned subscription to stop deliveries.
     */
    public AutoCloseable subscribe(Executor deliverOn, Consumer<GpuSnapshot> listener) {
        SnapshotSubscription s = new SnapshotSubscription(deliverOn, listener, subscribers::remove);
        subscribers.add(s);
        GpuSnapshot current = latest;
        if (current != null) {
            s.offer(current);
        }
        return s;
    }

    /** Stops sampling (waits up to 5 s for a sample in progress), then closes the source. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = executor;
        }
        subscribers.forEach(SnapshotSubscription::close);
        if (running != null) {
            running.shutdownNow();
            try {
                if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                    // a driver call hangs: closing the source under it could crash; leak it instead
                    LOG.log(System.Logger.Level.WARNING, "gpu sampler did not stop; source left open");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        sampling.lock();
        try {
            source.close();
        } finally {
            sampling.unlock();
        }
    }

    public static final class Builder {
        private final GpuSource source;
        private ThreadFactory threadFactory = namedThreadFactory();
        private double rateHz = DEFAULT_RATE_HZ;
        private Clock clock = Clock.systemUTC();

        private Builder(GpuSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /** Samples per second: above 0, at most {@value #MAX_RATE_HZ}. */
        public Builder rateHz(double rateHz) {
            if (!(rateHz > 0 && rateHz <= MAX_RATE_HZ)) {
                throw new IllegalArgumentException("GPU sample rate must be > 0 and <= " + MAX_RATE_HZ
                        + " Hz, got " + rateHz);
            }
            this.rateHz = rateHz;
            return this;
        }

        /** Stamps the error snapshot when a source throws; sources stamp their own. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public GpuSampler build() {
            return new GpuSampler(this);
        }
    }
}
