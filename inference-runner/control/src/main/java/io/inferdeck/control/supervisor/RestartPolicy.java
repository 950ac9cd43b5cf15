package io.inferdeck.control.supervisor;

import java.time.Duration;

/**
 * Automatic restarts after a crash: exponential backoff from {@code initialDelay} doubling up to
 * {@code maxDelay}; after {@code maxCrashes} crashes within {@code window} the supervisor gives up and
 * stays Stopped with the reason, because a crash loop only hides the cause.
 */
public record RestartPolicy(Duration initialDelay, Duration maxDelay, int maxCrashes, Duration window) {

    public static final RestartPolicy DEFAULT =
            new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(15), 5, Duration.ofMinutes(2));

    public static final RestartPolicy NEVER = new RestartPolicy(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);

    /** Delay before restart number {@code n} (1-based) of the current crash streak. */
    public Duration delay(int n) {
        long ms = initialDelay.toMillis() << Math.min(20, Math.max(0, n - 1));
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }
}
