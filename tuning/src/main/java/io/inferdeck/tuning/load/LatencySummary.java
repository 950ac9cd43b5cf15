package io.inferdeck.tuning.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency, in milliseconds, from an HdrHistogram of microseconds (3 significant
 * digits, so each figure is within 0.1%). With no samples every figure is NaN ("not available", never 0).
 */
public record LatencySummary(long count, double minMs, double meanMs, double p50Ms, double p90Ms, double p95Ms,
                             double p99Ms, double maxMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);

    public LatencySummary {
        if (count < 0) {
            throw new IllegalArgumentException("negative count");
        }
        if (count > 0 && !(minMs <= p50Ms && p50Ms <= p90Ms && p90Ms <= p95Ms && p95Ms <= p99Ms && p99Ms <= maxMs)) {
            throw new IllegalArgumentException("percentiles out of order: " + p50Ms + " " + p90Ms + " " + p95Ms + " " + p99Ms);
        }
    }

    static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(micros.getTotalCount(), ms(micros.getMinValue()), micros.getMean() / 1000.0,
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    public boolean available() {
        return count > 0;
    }
}
