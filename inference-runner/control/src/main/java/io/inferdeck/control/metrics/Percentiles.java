package io.inferdeck.control.metrics;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * P50/P95/P99 of one latency over the normalizer's window, in seconds. Empty = not available
 * (engine has no such histogram, fewer than two scrapes, or no request finished in the window;
 * {@code observations} tells the last case apart: it is then 0).
 */
public record Percentiles(OptionalDouble p50, OptionalDouble p95, OptionalDouble p99, OptionalDouble observations) {
    public static final Percentiles NOT_AVAILABLE =
            new Percentiles(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());

    public Percentiles {
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(observations, "observations");
    }

    /** Quantiles of the observations {@code window} holds (bucket deltas over the window). */
    static Percentiles of(Histogram window) {
        double count = window.count();
        return new Percentiles(window.quantile(0.5), window.quantile(0.95), window.quantile(0.99),
                Double.isNaN(count) ? OptionalDouble.empty() : OptionalDouble.of(count));
    }
}
