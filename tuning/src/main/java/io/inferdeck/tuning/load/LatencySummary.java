package io.inferdeck.tuning.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency, in milliseconds, from an HdrHistogram of microseconds (3 significant
 * digits, so each figure is within 0.1%). With no samples every figure is NaN ("not available", never 0).
 * {@code p95Interval}/{@code p99Interval} are the distribution-free 95% intervals of P95 and P99
 * ({@link PercentileInterval}); a summary built by hand has their n but no bounds.
 */
public record LatencySummary(long count, double minMs, double meanMs, double p50Ms, double p90Ms, double p95Ms,
                             double p99Ms, double maxMs, PercentileInterval p95Interval, PercentileInterval p99Interval) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);

    /** Figures without the samples behind them: intervals with n = {@code count} and no bounds. */
    public LatencySummary(long count, double minMs, double meanMs, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
                          double maxMs) {
        this(count, minMs, meanMs, p50Ms, p90Ms, p95Ms, p99Ms, maxMs, PercentileInterval.unmeasured(95, count),
                PercentileInterval.unmeasured(99, count));
    }

    public LatencySummary {
        if (count < 0) {
            throw new IllegalArgumentException("negative count");
        }
        if (p95Interval.n() != count || p99Interval.n() != count) {
            throw new IllegalArgumentException("intervals must come from the same samples");
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
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()), PercentileInterval.of(micros, 95),
                PercentileInterval.of(micros, 99));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    public boolean available() {
        return count > 0;
    }

    /** The interval of the percentile an SLO claims: P95's or P99's, else one with no bounds. */
    public PercentileInterval interval(double percentile) {
        return percentile == 95 ? p95Interval : percentile == 99 ? p99Interval : PercentileInterval.unmeasured(percentile, count);
    }
}
