package io.inferdeck.services.fleet;

import io.inferdeck.control.metrics.MetricMapping;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
import io.inferdeck.control.metrics.MetricMapping.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The engine figures of the fleet table, each with its recording-rule name, its JSON key and how to build its
 * PromQL from an engine's {@link MetricMapping} (empty when the engine exports nothing for it).
 */
public enum EngineFigure {
    QPS("requests:rate", "qps", (m, w) -> Optional.ofNullable(m.counters().get(Counter.COMPLETED)).map(s -> PromQl.rate(s, w))),
    E2E_P50("e2e_seconds:p50", "e2eP50Seconds", quantile(Latency.E2E, 0.5)),
    E2E_P95("e2e_seconds:p95", "e2eP95Seconds", quantile(Latency.E2E, 0.95)),
    E2E_P99("e2e_seconds:p99", "e2eP99Seconds", quantile(Latency.E2E, 0.99)),
    TTFT_P50("ttft_seconds:p50", "ttftP50Seconds", quantile(Latency.TTFT, 0.5)),
    TTFT_P95("ttft_seconds:p95", "ttftP95Seconds", quantile(Latency.TTFT, 0.95)),
    TTFT_P99("ttft_seconds:p99", "ttftP99Seconds", quantile(Latency.TTFT, 0.99)),
    RUNNING("requests_running:sum", "running", level(Level.RUNNING)),
    WAITING("requests_waiting:sum", "waiting", level(Level.WAITING)),
    KV_CACHE("kv_cache_usage:ratio", "kvCacheUsage", level(Level.KV_CACHE_USAGE));

    private final String record;
    private final String jsonKey;
    private final BiFunction<MetricMapping, String, Optional<String>> query;

    EngineFigure(String record, String jsonKey, BiFunction<MetricMapping, String, Optional<String>> query) {
        this.record = record;
        this.jsonKey = jsonKey;
        this.query = query;
    }

    /** The recorded series' name, {@code inferdeck:<figure>}. */
    public String record() {
        return "inferdeck:" + record;
    }

    public String jsonKey() {
        return jsonKey;
    }

    /** @param window a PromQL duration */
    public Optional<String> query(MetricMapping mapping, String window) {
        return query.apply(mapping, window);
    }

    private static BiFunction<MetricMapping, String, Optional<String>> quantile(Latency latency, double q) {
        return (m, w) -> Optional.ofNullable(m.histograms().get(latency)).filter(f -> !f.isEmpty())
                .map(f -> PromQl.quantile(q, f, w));
    }

    private static BiFunction<MetricMapping, String, Optional<String>> level(Level level) {
        return (m, w) -> Optional.ofNullable(m.gauges().get(level)).map(PromQl::level);
    }

    static List<EngineFigure> all() {
        return List.of(values());
    }
}
