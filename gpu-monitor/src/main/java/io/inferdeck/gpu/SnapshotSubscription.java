package io.inferdeck.gpu;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One subscriber's latest-value handoff. The producer only swaps a reference and, on the
 * empty -> full edge, submits one delivery task; the task takes whatever is newest at the time
 * it runs. {@code scheduled} stays true while a delivery is pending or running, so deliveries
 * never overlap even on a multi-threaded executor.
 */
final class SnapshotSubscription implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SnapshotSubscription.class.getName());

    private final Executor executor;
    private final Consumer<GpuSnapshot> listener;
    private final Consumer<SnapshotSubscription> onClose;
    private final AtomicReference<GpuSnapshot> slot = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean active = true;

    SnapshotSubscription(Executor executor, Consumer<GpuSnapshot> listener, Consumer<SnapshotSubscription> onClose) {
        this.executor = executor;
        this.listener = listener;
        this.onClose = onClose;
    }

    /** Producer side; never blocks (as long as the executor's execute does not). */
    void offer(GpuSnapshot snapshot) {
        if (active) {
            slot.set(snapshot);
            scheduleIfIdle();
        }
    }

    private void scheduleIfIdle() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::deliver);
            } catch (RejectedExecutionException e) {
                scheduled.set(false); // the subscriber's executor is gone; drop, try again next time
            }
        }
    }

    private void deliver() {
        try {
            GpuSnapshot snapshot = slot.getAndSet(null);
            if (snapshot != null && active) {
                listener.accept(snapshot);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "GPU snapshot subscriber failed", e);
        } finally {
            scheduled.set(false);
            if (slot.get() != null && active) {
                scheduleIfIdle(); // a newer snapshot arrived while we were delivering
            }
        }
    }

    @Override
    public void close() {
        active = false;
        slot.set(null);
        onClose.accept(this);
    }
}
