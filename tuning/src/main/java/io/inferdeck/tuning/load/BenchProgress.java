package io.inferdeck.tuning.load;

/**
 * A live snapshot of a running benchmark, published every progress interval and once at the end
 * (phase DONE). Counts are of measured requests; latencies (ms) of those finished so far, NaN when none.
 * {@code recentRequestsPerSecond} is OK completions over the last interval.
 */
public record BenchProgress(Phase phase, double elapsedSeconds, long warmupRequests, long sent, long ok, long errors,
                            long timeouts, int inFlight, double recentRequestsPerSecond, double e2eP50Ms,
                            double e2eP95Ms, double ttftP95Ms, long outputTokens) {

    public enum Phase { WARMUP, MEASURING, DRAINING, DONE }
}
