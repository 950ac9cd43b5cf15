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
 * vLLM's /metrics names (its documented production metrics: current names first, then the older
 * {@code gpu_cache_usage_perc} and {@code time_per_output_token_seconds}; the per-request mean
 * {@code request_time_per_output_token_seconds} is the last resort for ITL, since it averages each
 * request's gaps rather than observing every gap). Documented but with no place in
 * {@link io.inferdeck.control.metrics.EngineMetrics} yet, so not read: {@code vllm:prefix_cache_queries}
 * and {@code vllm:prefix_cache_hits} (prefix cache hit rate = hits / queries, in tokens) and the
 * speculative decoding counters {@code vllm:spec_decode_num_drafts}, {@code _num_draft_tokens},
 * {@code _num_accepted_tokens} and {@code _num_accepted_tokens_per_pos}. Completed =
 * request_success_total over every finished_reason; errors = HTTP 5xx from the API server's
 * http_requests_total (prometheus-fastapi-instrumentator groups statuses as "5xx"); the engine itself
 * counts no failures. KV usage is a 0..1 fraction despite "perc". Kept beside {@link VllmDriver}
 * only to keep that class short.
 */
final class VllmMetrics {
    static final MetricsDialect DIALECT = new MetricsDialect(new EngineFlavor("vllm"), "vllm:", new MetricMapping(
            Map.of(Counter.COMPLETED, Selector.sum("vllm:request_success_total"),
                    Counter.ERRORS, Selector.sumWhere("http_requests_total", "status", "5xx"),
                    Counter.PROMPT_TOKENS, Selector.sum("vllm:prompt_tokens_total"),
                    Counter.GENERATED_TOKENS, Selector.sum("vllm:generation_tokens_total")),
            Map.of(Latency.E2E, List.of("vllm:e2e_request_latency_seconds"),
                    Latency.TTFT, List.of("vllm:time_to_first_token_seconds"),
                    Latency.ITL, List.of("vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds",
                            "vllm:request_time_per_output_token_seconds")),
            Map.of(Level.RUNNING, Selector.sum("vllm:num_requests_running"),
                    Level.WAITING, Selector.sum("vllm:num_requests_waiting"),
                    Level.KV_CACHE_USAGE, Selector.mean("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"))));

    private VllmMetrics() {
    }
}
