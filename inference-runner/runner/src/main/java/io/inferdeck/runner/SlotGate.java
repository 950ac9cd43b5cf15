package io.inferdeck.runner;

import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admission control in front of llama.cpp: at most {@code slots} requests generate at once (one per
 * parallel slot, so none waits inside llama.cpp where we could not see it) and at most {@code queue}
 * more wait, first come first served. Anything beyond is refused at once, which the API turns into 429.
 * Thread-safe. After {@link #close()} waiting callers are released with {@link Admission#CLOSED}.
 */
final class SlotGate {
    enum Admission { ADMITTED, QUEUE_FULL, CLOSED, ABANDONED }

    /** How often a waiter looks whether its client is still there. */
    private static final long ABANDON_POLL_NANOS = 50_000_000L;

    private final int slots;
    private final int queue;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private int running;
    private int waiting;
    private boolean closed;

    SlotGate(int slots, int queue) {
        this.slots = slots;
        this.queue = queue;
    }

    /** Blocks while all slots are busy; on ADMITTED the caller must {@link #release()} exactly once. */
    Admission acquire() throws InterruptedException {
        return acquire(() -> false);
    }

    /**
     * As {@link #acquire()}, but a waiter whose {@code abandoned} turns true (its client went away) leaves
     * the queue within {@link #ABANDON_POLL_NANOS} and gets {@link Admission#ABANDONED}, freeing its place.
     */
    Admission acquire(BooleanSupplier abandoned) throws InterruptedException {
        lock.lock();
        try {
            if (closed) {
                return Admission.CLOSED;
            }
            if (running < slots && waiting == 0) {
                running++;
                return Admission.ADMITTED;
            }
            if (waiting >= queue) {
                return Admission.QUEUE_FULL;
            }
            waiting++;
            try {
                while (running >= slots && !closed) {
                    if (abandoned.getAsBoolean()) {
                        freed.signal(); // pass on a wake-up this thread may have consumed
                        return Admission.ABANDONED;
                    }
                    freed.awaitNanos(ABANDON_POLL_NANOS);
                }
            } catch (InterruptedException e) {
                freed.signal(); // pass on a wake-up this thread may have consumed
                throw e;
            } finally {
                waiting--;
            }
            if (closed) {
                freed.signalAll();
                return Admission.CLOSED;
            }
            running++;
            return Admission.ADMITTED;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            running--;
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests and wakes every waiter; running ones keep their slot until they release. */
    void close() {
        lock.lock();
        try {
            closed = true;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Requests allowed to wait (--queue). */
    int queue() {
        return queue;
    }

    int slots() {
        return slots;
    }
}
