package io.inferdeck.tuning.load;

/**
 * One request's timings in nanoseconds relative to the run's start. Latencies count from
 * {@code scheduledNanos} (open loop: when the request was due; closed loop: when it was sent), so a
 * generator that falls behind its schedule cannot hide the delay.
 *
 * @param cause         for ERROR/TIMEOUT the failure bucket ("http_503", "connect", "timeout", "protocol",
 *                      "stream_error", "io", "cancelled"); null when OK
 * @param ttftNanos     scheduled → first content token; -1 if none arrived
 * @param itlNanos      mean gap between tokens after the first, (e2e - ttft) / (tokens - 1); -1 if < 2 tokens
 * @param outputTokens  completion tokens (the server's usage figure when given, else content chunks)
 * @param promptTokens  the server's usage figure; -1 when not reported
 */
public record RequestRecord(long scheduledNanos, long sentNanos, boolean warmup, Outcome outcome, String cause,
                            long ttftNanos, long itlNanos, long e2eNanos, int outputTokens, int promptTokens) {

    public RequestRecord {
        if ((outcome == Outcome.OK) != (cause == null)) {
            throw new IllegalArgumentException("a cause is required exactly for failed requests");
        }
    }

    /** Delay between when the request was due and when it was actually sent (generator lag). */
    public long sendLagNanos() {
        return sentNanos - scheduledNanos;
    }
}
