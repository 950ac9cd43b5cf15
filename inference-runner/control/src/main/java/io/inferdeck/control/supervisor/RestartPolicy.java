package io.inferdeck.control.supervisor;

import java.time.Duration;

/**
 * Automatic restarts after a crash: exponential backoff from {@code initialDelay} doubling up to
 * {@code maxDelay}; after {@code maxCrashes} crashes within {@code window} the supervisor gives up and
 * stays Stopped with the reason, because a crash loop only hides the cause.
 *
 * <p>A crash streak ends once the replica has been Ready for {@code resetAfter}: a crash after that is a
 * new incident (an external kill, an OOM under new load), not the same loop, so it starts again at
 * {@code initialDelay} and does not count toward giving up. The default of 5 s is 50 consecutive passing
 * health probes ({@link EngineSupervisor} probes every 100 ms): long enough that an engine which comes up
 * and dies under its first requests keeps backing off and eventually gives up, short enough that replicas
 * killed every few seconds (the chaos gate kills one of two every 5 s, so each every 10 s) restart after
 * {@code initialDelay} every time instead of climbing to {@code maxDelay} together. A replica SIGKILLed from
 * outside after it had been Ready (exit 137: operator, chaos, OOM killer) also starts a new streak, however soon:
 * random kills can strike one replica twice within {@code resetAfter}, and counting those made both replicas of a
 * 10-minute chaos run give up (docs/performance.md).
 *
 * <p>A replica that crashes before it was ever Ready is never restarted (a startup failure: bad model,
 * bad flags; restarting only repeats it), see {@link EngineSupervisor}.
 */
public record RestartPolicy(Duration initialDelay, Duration maxDelay, int maxCrashes, Duration window, Duration resetAfter) {

    public static final Duration DEFAULT_RESET_AFTER = Duration.ofSeconds(5);

    public static final RestartPolicy DEFAULT =
            new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(15), 5, Duration.ofMinutes(2), DEFAULT_RESET_AFTER);

    public static final RestartPolicy NEVER = new RestartPolicy(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);

    public RestartPolicy(Duration initialDelay, Duration maxDelay, int maxCrashes, Duration window) {
        this(initialDelay, maxDelay, maxCrashes, window, DEFAULT_RESET_AFTER);
    }

    /** Delay before restart number {@code n} (1-based) of the current crash streak. */
    public Duration delay(int n) {
        long ms = initialDelay.toMillis() << Math.min(20, Math.max(0, n - 1));
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }

    /** Whether a replica Ready for {@code readyFor} before it crashed ends its crash streak. */
    public boolean resets(Duration readyFor) {
        return readyFor.compareTo(resetAfter) >= 0;
    }
}
