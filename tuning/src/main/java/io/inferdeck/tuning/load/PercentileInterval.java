package io.inferdeck.tuning.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A distribution-free confidence interval for one percentile of a latency, from order statistics: with {@code n}
 * samples, the number below the true p-quantile is Binomial(n, p), so the k-th smallest sample lies below it with
 * a probability the binomial CDF gives exactly, whatever the latency distribution. The interval is the pair of
 * order statistics [X(l), X(u)] whose two tails each hold at most (1 − {@value #CONFIDENCE}) / 2 (equal-tailed,
 * conservative: coverage ≥ {@value #CONFIDENCE}). Samples are assumed independent — under a closed loop
 * neighbouring requests are correlated, so treat the interval as a lower bound on the real uncertainty.
 *
 * <p>An upper bound exists only once p^n ≤ (1 − confidence) / 2, i.e. {@link #minSamples} requests (P95: 72,
 * P99: 368): with fewer, even the largest sample is too likely to sit below the true percentile, and the
 * interval's {@code highMs} is NaN ("not enough data"). {@code lowMs} is NaN likewise when no lower bound exists.
 * Values come from an HdrHistogram of microseconds (3 significant digits, within 0.1%).
 *
 * @param percentile 0 < p <= 100 (the maximum, P100, never has an upper bound)
 * @param n          samples the interval was computed from
 */
public record PercentileInterval(double percentile, long n, double lowMs, double highMs) {
    /** Two-sided coverage of every interval InferDeck reports. */
    public static final double CONFIDENCE = 0.95;

    public PercentileInterval {
        if (!(percentile > 0 && percentile <= 100) || n < 0) {
            throw new IllegalArgumentException("percentile must be in (0, 100] and n >= 0");
        }
        if (lowMs > highMs) {
            throw new IllegalArgumentException("interval out of order: " + lowMs + " > " + highMs);
        }
    }

    /** An interval whose samples were not kept (hand-built summaries): n is known, the bounds are not. */
    public static PercentileInterval unmeasured(double percentile, long n) {
        return new PercentileInterval(percentile, n, Double.NaN, Double.NaN);
    }

    /** Smallest sample count for which the {@code percentile}'s interval has an upper bound (P95: 72, P99: 368). */
    public static long minSamples(double percentile) {
        double p = percentile / 100;
        if (p >= 1) {
            return Long.MAX_VALUE;
        }
        return (long) Math.ceil(Math.log((1 - CONFIDENCE) / 2) / Math.log(p) - 1e-9);
    }

    /** True when {@code n} is enough for this percentile to be claimed at all (an upper bound exists). */
    public boolean enoughData() {
        return n >= minSamples(percentile);
    }

    /** (high − low) / 2 relative to {@code estimateMs}; NaN when either bound is missing. */
    public double relativeHalfWidth(double estimateMs) {
        return (highMs - lowMs) / 2 / estimateMs;
    }

    /**
     * The 1-based ranks [l, u] of the interval among {@code n} sorted samples; l = 0 means no lower bound and
     * u = n + 1 no upper bound. Exact binomial tails summed in log space (no overflow for any n a run reaches).
     */
    static long[] ranks(long n, double percentile) {
        double p = percentile / 100;
        double tail = (1 - CONFIDENCE) / 2;
        long l = 0;
        long u = n + 1;
        double cdf = 0;
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logPmf = n * logQ;               // P(B = 0)
        for (long k = 0; k <= n; k++) {
            double before = cdf;                 // P(B <= k - 1)
            cdf += Math.exp(logPmf);
            // X(k) <= true quantile fails only when B < k: keep the largest k with P(B <= k - 1) <= tail
            if (before <= tail && k >= 1) {
                l = k;
            }
            // X(u) >= true quantile fails only when B >= u: the smallest u with P(B >= u) = 1 - P(B <= u - 1) <= tail
            if (u == n + 1 && 1 - cdf <= tail && k + 1 <= n) {
                u = k + 1;
            }
            logPmf += Math.log((double) (n - k)) - Math.log(k + 1.0) + logP - logQ;
        }
        return new long[] {l, u};
    }

    /** The interval of {@code percentile} over the samples in {@code micros} (values in microseconds). */
    static PercentileInterval of(Histogram micros, double percentile) {
        long n = micros.getTotalCount();
        if (n == 0) {
            return unmeasured(percentile, 0);
        }
        long[] r = percentile >= 100 ? new long[] {n, n + 1} : ranks(n, percentile);
        return new PercentileInterval(percentile, n, r[0] < 1 ? Double.NaN : rank(micros, r[0]), r[1] > n ? Double.NaN : rank(micros, r[1]));
    }

    /** The {@code k}-th smallest recorded value (1-based), in ms. */
    private static double rank(Histogram micros, long k) {
        long seen = 0;
        for (HistogramIterationValue v : micros.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= k) {
                return micros.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0;
            }
        }
        return micros.getMaxValue() / 1000.0;
    }
}
