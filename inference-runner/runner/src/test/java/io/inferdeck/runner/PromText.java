package io.inferdeck.runner;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A minimal reader of the Prometheus text format for tests: sample values keyed by
 * {@code name{labels}} exactly as written, plus the family names declared by # TYPE lines.
 */
record PromText(Map<String, Double> samples, Map<String, String> types) {

    static PromText parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                types.put(f[2], f[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int sp = line.lastIndexOf(' ');
                samples.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            }
        }
        return new PromText(samples, types);
    }

    /** The value of a sample, or NaN when absent. */
    double value(String key) {
        return samples.getOrDefault(key, Double.NaN);
    }

    Set<String> familyNames() {
        return new HashSet<>(types.keySet());
    }
}
