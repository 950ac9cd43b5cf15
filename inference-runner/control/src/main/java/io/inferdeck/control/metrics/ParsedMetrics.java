package io.inferdeck.control.metrics;

import io.inferdeck.common.prom.PromExposition;
import io.inferdeck.common.prom.PromFormatException;
import io.inferdeck.common.prom.PromSample;
import io.inferdeck.common.prom.PromTextParser;
import io.inferdeck.common.prom.PromType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One scrape as the metrics code reads it: the common parser's samples indexed by sample name (so
 * {@code foo_bucket}, {@code foo_sum} and {@code foo_total} are separate names), with the
 * {@code # TYPE} and {@code # HELP} of each family. Immutable.
 */
public final class ParsedMetrics {
    private final PromExposition exposition;
    private final Map<String, List<PromSample>> byName;

    public ParsedMetrics(PromExposition exposition) {
        this.exposition = exposition;
        Map<String, List<PromSample>> index = new LinkedHashMap<>();
        for (PromSample s : exposition.samples()) {
            index.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Collections.unmodifiableMap(index);
    }

    /** Parses a {@code /metrics} body with {@link PromTextParser}'s default bounds. */
    public static ParsedMetrics parse(String text) throws PromFormatException {
        return new ParsedMetrics(PromTextParser.parse(text));
    }

    public List<PromSample> samples() {
        return exposition.samples();
    }

    /** Every series of one sample name, in file order; empty if absent. */
    public List<PromSample> series(String name) {
        return byName.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Sample names present, in file order. */
    public Set<String> names() {
        return byName.keySet();
    }

    public Optional<PromType> type(String family) {
        return exposition.type(family);
    }

    public Optional<String> help(String family) {
        return exposition.help(family);
    }
}
