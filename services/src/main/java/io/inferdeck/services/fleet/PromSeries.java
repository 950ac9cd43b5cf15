package io.inferdeck.services.fleet;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/** One series of an instant query: its labels and value; empty when Prometheus answered NaN or ±Inf. */
public record PromSeries(Map<String, String> labels, OptionalDouble value) {
    public PromSeries {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(value, "value");
    }

    /** The label's value, "" when the series lacks it (as PromQL treats a missing label). */
    public String label(String name) {
        return labels.getOrDefault(name, "");
    }
}
