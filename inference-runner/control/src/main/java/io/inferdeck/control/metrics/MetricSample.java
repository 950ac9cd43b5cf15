package io.inferdeck.control.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One exposition line: {@code name{labels} value [timestamp]}.
 *
 * @param timestamp as written, when present: milliseconds in format 0.0.4, seconds in OpenMetrics.
 *                  The normalizer ignores it and uses its own clock (scrape time).
 */
public record MetricSample(String name, Map<String, String> labels, double value, OptionalDouble timestamp) {
    public MetricSample {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The label's value, or null when the sample has no such label. */
    public String label(String labelName) {
        return labels.get(labelName);
    }
}
