package io.inferdeck.control.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One scrape's samples, indexed by sample name (so {@code foo_bucket}, {@code foo_sum} and
 * {@code foo_total} are separate names), with the {@code # TYPE} and {@code # HELP} of each family.
 * Immutable.
 */
public final class ParsedMetrics {
    private final List<MetricSample> samples;
    private final Map<String, List<MetricSample>> byName;
    private final Map<String, MetricType> types;
    private final Map<String, String> help;

    public ParsedMetrics(List<MetricSample> samples, Map<String, MetricType> types, Map<String, String> help) {
        this.samples = List.copyOf(samples);
        Map<String, List<MetricSample>> index = new LinkedHashMap<>();
        for (MetricSample s : this.samples) {
            index.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Collections.unmodifiableMap(index);
        this.types = Map.copyOf(types);
        this.help = Map.copyOf(help);
    }

    public List<MetricSample> samples() {
        return samples;
    }

    /** Every series of one sample name, in file order; empty if absent. */
    public List<MetricSample> series(String name) {
        return byName.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Sample names present, in file order. */
    public Set<String> names() {
        return byName.keySet();
    }

    public Optional<MetricType> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    public Optional<String> help(String family) {
        return Optional.ofNullable(help.get(family));
    }
}
