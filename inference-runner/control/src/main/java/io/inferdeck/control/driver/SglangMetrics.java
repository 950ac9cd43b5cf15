package io.inferdeck.control.driver;

import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.MetricMapping;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.metrics.Selector;
import java.util.List;
import java.util.Map;

/**
 * SGLang's /metrics names (its "Production Metrics" reference; written with {@code --enable-metrics}).
 * Completed = the observation count of {@code e2e_request_latency_seconds} (one per finished request);
 * SGLang documents no failure counter, so errors read "not available". KV usage = {@code token_usage},
 * the fraction 0..1 of the KV token pool in use. ITL falls back to the older
 * {@code time_per_output_token_seconds}. Documented but with no place in
 * {@link io.inferdeck.control.metrics.EngineMetrics} yet: {@code sglang:cache_hit_rate} (prefix cache, 0..1).
 * Kept beside {@link SglangDriver} only to keep that class short.
 */
final class SglangMetrics {
    static final MetricsDialect DIALECT = new MetricsDialect(new EngineFlavor("sglang"), "sglang:", new MetricMapping(
            Map.of(Counter.COMPLETED, Selector.sum("sglang:e2e_request_latency_seconds_count"),
                    Counter.PROMPT_TOKENS, Selector.sum("sglang:prompt_tokens_total"),
                    Counter.GENERATED_TOKENS, Selector.sum("sglang:generation_tokens_total")),
            Map.of(Latency.E2E, List.of("sglang:e2e_request_latency_seconds"),
                    Latency.TTFT, List.of("sglang:time_to_first_token_seconds"),
                    Latency.ITL, List.of("sglang:inter_token_latency_seconds", "sglang:time_per_output_token_seconds")),
            Map.of(Level.RUNNING, Selector.sum("sglang:num_running_reqs"),
                    Level.WAITING, Selector.sum("sglang:num_queue_reqs"),
                    Level.KV_CACHE_USAGE, Selector.mean("sglang:token_usage"))));

    private SglangMetrics() {
    }
}
