package io.inferdeck.control.gateway;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Where requests wait while no upstream is healthy but one is expected back (a replica restarting), so a
 * gap of about a second costs clients latency instead of errors. Bounded twice: each request waits until its
 * deadline at most, and at most {@code maxHolding} wait at once. No polling: waiters sleep on a condition
 * and are woken by {@link #changed()} (an upstream may have turned healthy, a waiting client went away, the
 * gateway closes) and then re-check. Thread-safe; waiting blocks the caller (a request's virtual thread).
 */
final class UpstreamHold {
    enum Result {
        /** {@code available} held: try the upstreams again. */
        AVAILABLE,
        /** The deadline passed (or the gateway closed) with no upstream available. */
        EXPIRED,
        /** Too many requests were waiting already: this one was not admitted. */
        FULL,
        /** {@code gone} held: the client left while waiting. */
        CLIENT_GONE
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int maxHolding;
    private int holding;
    private boolean closed;

    UpstreamHold(int maxHolding) {
        this.maxHolding = maxHolding;
    }

    /** Waits until {@code available} or {@code gone} holds, or until {@code deadlineNanos} ({@link System#nanoTime}). */
    Result await(long deadlineNanos, BooleanSupplier available, BooleanSupplier gone) throws InterruptedException {
        lock.lock();
        try {
            if (holding >= maxHolding) {
                return Result.FULL;
            }
            holding++;
            try {
                while (true) {
                    if (gone.getAsBoolean()) {
                        return Result.CLIENT_GONE;
                    }
                    if (available.getAsBoolean()) {
                        return Result.AVAILABLE;
                    }
                    long left = deadlineNanos - System.nanoTime();
                    if (closed || left <= 0) {
                        return Result.EXPIRED;
                    }
                    changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));   // the cap only guards a missed wake-up
                }
            } finally {
                holding--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Something a waiter depends on may have changed: every waiter re-checks. */
    void changed() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting now. */
    int holding() {
        lock.lock();
        try {
            return holding;
        } finally {
            lock.unlock();
        }
    }

    /** Ends every wait (as expired) and every future one at once: the gateway is stopping. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
