package io.inferdeck.services.fleet;

import io.inferdeck.control.metrics.MetricMapping;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.metrics.Selector;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds engines and GPU exporters on any Prometheus (also one InferDeck did not configure) by the metric
 * families each target exposes: an instance is a vLLM engine when it has a family of vLLM's metric map, a GPU
 * exporter when it has {@code DCGM_FI_DEV_*} or {@code inferdeck_gpu_*} series. Each finding keeps the
 * {@code instance} and {@code node} labels it was found under.
 */
public final class FleetDiscovery {
    private final PrometheusClient client;
    private final FleetDialects dialects;

    public FleetDiscovery(PrometheusClient client, FleetDialects dialects) {
        this.client = client;
        this.dialects = dialects;
    }

    /** What one instance exposes: which engine dialects' families and which GPU exporters' (by id). */
    public record Found(FleetKey key, List<MetricsDialect> engines, List<String> gpuExporters) {
    }

    /** Per instance (in instance order), what it exposes at {@code at}. */
    public List<Found> discover(Instant at) throws IOException, InterruptedException {
        Map<FleetKey, List<MetricsDialect>> engines = new LinkedHashMap<>();
        for (MetricsDialect d : dialects.engines()) {
            for (PromSeries s : client.query(present(PromQl.GROUP, families(d.mapping())), at)) {
                engines.computeIfAbsent(FleetKey.of(s), k -> new java.util.ArrayList<>()).add(d);
            }
        }
        Map<FleetKey, List<String>> gpus = new LinkedHashMap<>();
        for (GpuDialect g : dialects.gpus()) {
            for (PromSeries s : client.query(present(GpuDialect.NODE_GROUP, Stream.of(g.prefix() + ".*")), at)) {
                gpus.computeIfAbsent(FleetKey.of(s), k -> new java.util.ArrayList<>()).add(g.id());
            }
        }
        TreeSet<FleetKey> keys = new TreeSet<>(engines.keySet());
        keys.addAll(gpus.keySet());
        return keys.stream().map(k -> new Found(k, List.copyOf(engines.getOrDefault(k, List.of())),
                List.copyOf(gpus.getOrDefault(k, List.of())))).toList();
    }

    /** Metric names are [a-zA-Z0-9_:] only, so they need no regex quoting. */
    private static String present(String group, Stream<String> nameRegexes) {
        return "count by (" + group + ") ({__name__=~\"" + nameRegexes.collect(Collectors.joining("|")) + "\"})";
    }

    /** Every family the map reads, as exact-name regexes (a histogram by its _bucket series). */
    private static Stream<String> families(MetricMapping m) {
        Stream<String> selectors = Stream.concat(m.counters().values().stream(), m.gauges().values().stream())
                .map(Selector::names).flatMap(List::stream);
        Stream<String> histograms = m.histograms().values().stream().flatMap(List::stream).map(f -> f + "_bucket");
        return Stream.concat(selectors, histograms).distinct().sorted();
    }
}
