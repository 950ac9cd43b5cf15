package io.inferdeck.gpu.dcgm;

import java.util.Map;

/** One sample line of the Prometheus text format: name, labels (in line order), value. */
public record PromSample(String name, Map<String, String> labels, double value) {

    public PromSample {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    public String label(String labelName) {
        return labels.get(labelName);
    }
}
