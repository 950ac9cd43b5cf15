package io.inferdeck.control.metrics;

import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
import io.inferdeck.control.metrics.MetricMapping.Level;
import java.util.List;
import java.util.Map;

/**
 * The InferDeck gateway's own /metrics names (written by {@code control.gateway.GatewayMetrics}) and
 * the dialect that reads them. The gateway measures every request itself, so these figures exist
 * whatever the engine exports. Completed = requests_total{outcome="ok"}; errors = outcome "error"
 * (upstream failed or answered 5xx) or "rejected" (the gateway refused: 401, 413, 503...).
 */
public final class GatewayMetricNames {
    public static final String PREFIX = "inferdeck_gateway_";
    public static final String REQUESTS = PREFIX + "requests";
    public static final String PROMPT_TOKENS = PREFIX + "prompt_tokens";
    public static final String COMPLETION_TOKENS = PREFIX + "completion_tokens";
    public static final String UPSTREAM_ERRORS = PREFIX + "upstream_errors";
    public static final String E2E = PREFIX + "request_duration_seconds";
    public static final String TTFT = PREFIX + "time_to_first_token_seconds";
    public static final String ITL = PREFIX + "inter_token_latency_seconds";
    public static final String QUEUE = PREFIX + "queue_time_seconds";
    public static final String IN_FLIGHT = PREFIX + "requests_in_flight";
    /** Response cache (present only when the profile turns it on): lookups by result {@code hit}/{@code miss}. */
    public static final String CACHE_LOOKUPS = PREFIX + "cache_lookups";
    /** Requests that skipped the cache, by reason ({@code no_store}, {@code no_cache}, {@code sampled}, {@code not_json}). */
    public static final String CACHE_BYPASSES = PREFIX + "cache_bypasses";
    /** Replies offered to the cache, by result ({@code stored}, {@code too_large}, {@code not_ok}). */
    public static final String CACHE_STORES = PREFIX + "cache_stores";
    /** Entries dropped by the cache, by cause ({@code size}, {@code expired}). */
    public static final String CACHE_EVICTIONS = PREFIX + "cache_evictions";
    /** Requests that waited for an identical one in flight, by how the wait ended ({@code served}, {@code proceeded}, {@code left}). */
    public static final String CACHE_COALESCED = PREFIX + "cache_coalesced";
    /** Requests waiting now for an identical one in flight (a gauge). */
    public static final String CACHE_COALESCING = PREFIX + "cache_coalescing";
    public static final String CACHE_BYTES = PREFIX + "cache_bytes";
    public static final String CACHE_ENTRIES = PREFIX + "cache_entries";
    /** Live safety decisions, labels direction (input, output), stage (the deciding one, or none), decision. */
    public static final String SAFETY_DECISIONS = PREFIX + "safety_decisions";
    /** Look-ups of the live filter's verdict cache by result (hit, miss); present only when the filter keeps one. */
    public static final String SAFETY_CACHE_LOOKUPS = PREFIX + "safety_verdict_cache_lookups";

    /** Flavor of a page read through this dialect: every figure came from the gateway, none from the engine. */
    public static final EngineFlavor FLAVOR = new EngineFlavor("gateway");

    public static final MetricsDialect DIALECT = new MetricsDialect(FLAVOR, PREFIX, new MetricMapping(
            Map.of(Counter.COMPLETED, Selector.sumWhere(REQUESTS + "_total", "outcome", "ok"),
                    Counter.ERRORS, Selector.sumWhere(REQUESTS + "_total", "outcome", "error", "rejected"),
                    Counter.PROMPT_TOKENS, Selector.sum(PROMPT_TOKENS + "_total"),
                    Counter.GENERATED_TOKENS, Selector.sum(COMPLETION_TOKENS + "_total"),
                    Counter.CACHE_HITS, Selector.sumWhere(CACHE_LOOKUPS + "_total", "result", "hit"),
                    Counter.CACHE_LOOKUPS, Selector.sum(CACHE_LOOKUPS + "_total")),
            Map.of(Latency.E2E, List.of(E2E), Latency.TTFT, List.of(TTFT), Latency.ITL, List.of(ITL)),
            Map.of(Level.RUNNING, Selector.sum(IN_FLIGHT))));

    private GatewayMetricNames() {
    }
}
