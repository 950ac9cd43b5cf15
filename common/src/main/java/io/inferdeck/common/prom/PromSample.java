package io.inferdeck.common.prom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One exposition line: {@code name{labels} value [timestamp]}. Labels keep their line order.
 *
 * @param timestamp as written, when present: milliseconds in format 0.0.4, seconds in OpenMetrics.
 *                  Consumers that compute rates use their own clock (scrape time) instead.
 */
public record PromSample(String name, Map<String, String> labels, double value, OptionalDouble timestamp) {

    public PromSample {
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A sample without a timestamp. */
    public PromSample(String name, Map<String, String> labels, double value) {
        this(name, labels, value, OptionalDouble.empty());
    }

    /** The label's value, or null when the sample has no such label. */
    public String label(String labelName) {
        return labels.get(labelName);
    }
}
