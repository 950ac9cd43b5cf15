package io.inferdeck.control.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Classic histogram bucket bounds (seconds) for the gateway's latency histograms.
 *
 * <p>Why these: {@code histogram_quantile} (and InferDeck's own {@code Percentiles}) interpolate
 * linearly inside the bucket that holds the quantile. When consecutive bounds differ by a factor
 * {@code r}, both the true quantile and the interpolated one lie in the same bucket {@code [b, r·b]},
 * so the estimate is off by at most {@code r - 1} of the true value. {@link #GROWTH} = 1.05 keeps every
 * percentile within ±5 % of what the client measured, from {@link #LOWEST} (1 ms, below the ~5 ms
 * that matters) to {@link #HIGHEST} (120 s, above the 60 s of a long generation): 241 bounds plus
 * +Inf per series. Native (exponential) buckets are exported beside them for scrapers that take them.
 */
public final class LatencyBuckets {
    public static final double LOWEST = 0.001;
    public static final double HIGHEST = 120.0;
    public static final double GROWTH = 1.05;

    private LatencyBuckets() {
    }

    /** Ascending bounds {@code LOWEST · GROWTH^k} up to the first one at or above {@code HIGHEST}. */
    public static double[] bounds() {
        List<Double> out = new ArrayList<>();
        for (double b = LOWEST; ; b *= GROWTH) {
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
