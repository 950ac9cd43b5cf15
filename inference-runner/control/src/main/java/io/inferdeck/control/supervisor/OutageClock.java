package io.inferdeck.control.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Measures the spans in which no replica of a deployment is Ready (after the first one was): feed it every
 * (replica, state) a {@link Deployment} publishes. Times come from the injected clock. Thread-safe
 * (synchronized; updates arrive on the supervisor thread, reads from any thread).
 */
public final class OutageClock {
    private final Clock clock;
    private final boolean[] ready;
    private boolean everUp;
    private Instant downSince;
    private Duration longest = Duration.ZERO;
    private int windows;

    public OutageClock(Clock clock, int replicas) {
        this.clock = clock;
        this.ready = new boolean[replicas];
    }

    public synchronized void accept(int replica, EngineState state) {
        ready[replica] = state instanceof EngineState.Ready;
        boolean up = false;
        for (boolean r : ready) {
            up |= r;
        }
        Instant now = clock.instant();
        if (up && downSince != null) {
            Duration d = Duration.between(downSince, now);
            longest = d.compareTo(longest) > 0 ? d : longest;
            windows++;
            downSince = null;
        } else if (!up && everUp && downSince == null) {
            downSince = now;
        }
        everUp |= up;
    }

    /** The longest closed all-down window, or the open one if it is longer. */
    public synchronized Duration longest() {
        Duration open = downSince == null ? Duration.ZERO : Duration.between(downSince, clock.instant());
        return open.compareTo(longest) > 0 ? open : longest;
    }

    /** How many all-down windows ended; an open one is not counted. */
    public synchronized int windows() {
        return windows;
    }

    /** When the current all-down window began; empty while a replica is Ready. */
    public synchronized Optional<Instant> downSince() {
        return Optional.ofNullable(downSince);
    }
}
