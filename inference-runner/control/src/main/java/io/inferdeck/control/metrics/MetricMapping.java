package io.inferdeck.control.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one engine keeps the numbers {@link EngineMetrics} needs. Each engine driver builds its own
 * from the engine's documented exposition (its class comment names the source); a figure the engine
 * does not expose is simply left out of the maps and reads "not available".
 *
 * @param histograms per latency, the histogram family names to try, newest name first
 */
public record MetricMapping(Map<Counter, Selector> counters, Map<Latency, List<String>> histograms,
                            Map<Level, Selector> gauges) {

    /** {@code CACHE_HITS} / {@code CACHE_LOOKUPS}: a response cache in front of the engine (the gateway's). */
    public enum Counter { COMPLETED, ERRORS, PROMPT_TOKENS, GENERATED_TOKENS, CACHE_HITS, CACHE_LOOKUPS }

    public enum Latency { E2E, TTFT, ITL }

    public enum Level { RUNNING, WAITING, KV_CACHE_USAGE }

    /** An engine we cannot read: every figure not available. */
    public static final MetricMapping NOTHING = new MetricMapping(Map.of(), Map.of(), Map.of());

    public MetricMapping {
        counters = Map.copyOf(counters);
        histograms = Map.copyOf(histograms);
        gauges = Map.copyOf(gauges);
    }

    /** The numbers of one scrape; what the scrape lacks is simply absent from the maps. */
    Reading extract(ParsedMetrics m) {
        Reading point = new Reading(new EnumMap<>(Counter.class), new EnumMap<>(Latency.class),
                new EnumMap<>(Level.class));
        counters.forEach((k, sel) -> sel.read(m).ifPresent(v -> point.counters().put(k, v)));
        gauges.forEach((k, sel) -> sel.read(m).ifPresent(v -> point.gauges().put(k, v)));
        histograms.forEach((k, names) -> names.stream().map(n -> Histogram.from(m, n))
                .flatMap(Optional::stream).findFirst().ifPresent(h -> point.histograms().put(k, h)));
        return point;
    }

    /** Counters, histograms and gauges one dialect read from one scrape (maps filled once, then only read). */
    record Reading(Map<Counter, Double> counters, Map<Latency, Histogram> histograms, Map<Level, Double> gauges) {
        static final Reading NOTHING = new Reading(Map.of(), Map.of(), Map.of());
    }
}
