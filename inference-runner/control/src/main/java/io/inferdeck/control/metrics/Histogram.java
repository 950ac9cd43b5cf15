package io.inferdeck.control.metrics;

import io.inferdeck.common.prom.PromSample;
import io.inferdeck.common.prom.PromTextParser;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cumulative bucket counts of one histogram family, summed over all its series (e.g. one per
 * model or engine). Immutable. {@code upperBounds} ascend; the last is +Inf when the exposition
 * had one (every conforming exporter writes it).
 */
public final class Histogram {
    private final double[] upperBounds;
    private final double[] counts;

    Histogram(double[] upperBounds, double[] cumulativeCounts) {
        if (upperBounds.length != cumulativeCounts.length) {
            throw new IllegalArgumentException("bounds and counts differ in length");
        }
        this.upperBounds = upperBounds.clone();
        this.counts = cumulativeCounts.clone();
    }

    /**
     * Reads {@code family_bucket} series. Series with different bucket layouts are merged exactly
     * at every bound: a series contributes its cumulative count at its largest bound <= the bound.
     * Buckets without a parseable {@code le} are skipped.
     */
    public static Optional<Histogram> from(ParsedMetrics m, String family) {
        Map<Map<String, String>, TreeMap<Double, Double>> bySeries = new LinkedHashMap<>();
        for (PromSample s : m.series(family + "_bucket")) {
            String le = s.label("le");
            if (le == null || Double.isNaN(s.value())) {
                continue;
            }
            double bound;
            try {
                bound = PromTextParser.number(le);
            } catch (NumberFormatException e) {
                continue;
            }
            Map<String, String> key = new HashMap<>(s.labels());
            key.remove("le");
            bySeries.computeIfAbsent(key, k -> new TreeMap<>()).merge(bound, s.value(), Double::sum);
        }
        if (bySeries.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<Double> bounds = new TreeSet<>();
        bySeries.values().forEach(series -> bounds.addAll(series.keySet()));
        double[] b = bounds.stream().mapToDouble(Double::doubleValue).toArray();
        double[] c = new double[b.length];
        for (TreeMap<Double, Double> series : bySeries.values()) {
            for (int k = 0; k < b.length; k++) {
                Map.Entry<Double, Double> floor = series.floorEntry(b[k]);
                c[k] += floor == null ? 0 : floor.getValue();
            }
        }
        return Optional.of(new Histogram(b, c));
    }

    /** Total observations (the +Inf bucket); NaN when there is no +Inf bucket. */
    public double count() {
        int last = counts.length - 1;
        return last >= 0 && upperBounds[last] == Double.POSITIVE_INFINITY ? counts[last] : Double.NaN;
    }

    /** {@code this - earlier} per bucket, or empty on a reset (a bucket went down) or a layout change. */
    Optional<Histogram> minus(Histogram earlier) {
        if (!Arrays.equals(upperBounds, earlier.upperBounds)) {
            return Optional.empty();
        }
        double[] d = new double[counts.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = counts[k] - earlier.counts[k];
            if (d[k] < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new Histogram(upperBounds, d));
    }

    /** Bucket-wise sum, or empty when the layouts differ. */
    Optional<Histogram> plus(Histogram other) {
        if (!Arrays.equals(upperBounds, other.upperBounds)) {
            return Optional.empty();
        }
        double[] s = new double[counts.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = counts[k] + other.counts[k];
        }
        return Optional.of(new Histogram(upperBounds, s));
    }

    /**
     * PromQL {@code histogram_quantile} semantics: needs a +Inf bucket and at least two buckets;
     * linear interpolation inside the bucket holding rank {@code q * count}; the lowest bucket
     * starts at 0 (unless its bound is <= 0, then that bound is returned); a rank in the +Inf
     * bucket returns the highest finite bound. Counts are forced monotonic first, as Prometheus
     * does for float noise. Empty where PromQL would give NaN (no observations, no +Inf bucket).
     */
    public OptionalDouble quantile(double q) {
        if (Double.isNaN(q) || q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
        }
        int n = counts.length;
        if (n < 2 || upperBounds[n - 1] != Double.POSITIVE_INFINITY) {
            return OptionalDouble.empty();
        }
        double[] c = counts.clone();
        for (int k = 1; k < n; k++) {
            c[k] = Math.max(c[k], c[k - 1]);
        }
        double observations = c[n - 1];
        if (!(observations > 0)) {
            return OptionalDouble.empty();
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && c[b] < rank) {
            b++;
        }
        if (b == n - 1) {
            return OptionalDouble.of(upperBounds[n - 2]);
        }
        if (b == 0 && upperBounds[0] <= 0) {
            return OptionalDouble.of(upperBounds[0]);
        }
        double start = b == 0 ? 0 : upperBounds[b - 1];
        double inBucket = c[b] - (b == 0 ? 0 : c[b - 1]);
        double rankInBucket = rank - (b == 0 ? 0 : c[b - 1]);
        double value = start + (upperBounds[b] - start) * (rankInBucket / inBucket);
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value); // q=0 on an empty bucket
    }

    public double[] upperBounds() {
        return upperBounds.clone();
    }

    public double[] cumulativeCounts() {
        return counts.clone();
    }

    @Override
    public String toString() {
        return "Histogram" + Arrays.toString(upperBounds) + "=" + Arrays.toString(counts);
    }
}
