package io.inferdeck.control.metrics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each engine keeps the numbers {@link EngineMetrics} needs. Names were taken from each
 * engine's documented exposition: the built-in runner (BRIEF shared contract), llama.cpp
 * llama-server with {@code --metrics} (no request counter, no latency histograms: those figures
 * stay "not available" and the client measures them), and vLLM (current names first, then the
 * older {@code gpu_cache_usage_perc} and {@code time_per_output_token_seconds}).
 */
record MetricMapping(Map<Counter, Selector> counters, Map<Latency, List<String>> histograms, Map<Level, Selector> gauges) {

    enum Counter { COMPLETED, ERRORS, PROMPT_TOKENS, GENERATED_TOKENS }

    enum Latency { E2E, TTFT, ITL }

    enum Level { RUNNING, WAITING, KV_CACHE_USAGE }

    /** Built-in: completed = outcome ok; errors = outcome error or rejected (429, queue full). */
    private static final MetricMapping BUILTIN = new MetricMapping(
            Map.of(Counter.COMPLETED, Selector.sumWhere("inferdeck_requests_total", "outcome", "ok"),
                    Counter.ERRORS, Selector.sumWhere("inferdeck_requests_total", "outcome", "error", "rejected"),
                    Counter.PROMPT_TOKENS, Selector.sum("inferdeck_prompt_tokens_total"),
                    Counter.GENERATED_TOKENS, Selector.sum("inferdeck_generated_tokens_total")),
            Map.of(Latency.E2E, List.of("inferdeck_request_duration_seconds"),
                    Latency.TTFT, List.of("inferdeck_time_to_first_token_seconds"),
                    Latency.ITL, List.of("inferdeck_inter_token_latency_seconds")),
            Map.of(Level.RUNNING, Selector.sum("inferdeck_requests_running"),
                    Level.WAITING, Selector.sum("inferdeck_requests_waiting"),
                    Level.KV_CACHE_USAGE, Selector.mean("inferdeck_kv_cache_usage_ratio")));

    private static final MetricMapping LLAMA_CPP = new MetricMapping(
            Map.of(Counter.PROMPT_TOKENS, Selector.sum("llamacpp:prompt_tokens_total"),
                    Counter.GENERATED_TOKENS, Selector.sum("llamacpp:tokens_predicted_total")),
            Map.of(),
            Map.of(Level.RUNNING, Selector.sum("llamacpp:requests_processing"),
                    Level.WAITING, Selector.sum("llamacpp:requests_deferred"),
                    Level.KV_CACHE_USAGE, Selector.mean("llamacpp:kv_cache_usage_ratio")));

    /**
     * vLLM: completed = request_success_total over every finished_reason; errors = HTTP 5xx from
     * the API server's http_requests_total (prometheus-fastapi-instrumentator groups statuses as
     * "5xx"); the engine itself counts no failures. KV usage is a 0..1 fraction despite "perc".
     */
    private static final MetricMapping VLLM = new MetricMapping(
            Map.of(Counter.COMPLETED, Selector.sum("vllm:request_success_total"),
                    Counter.ERRORS, Selector.sumWhere("http_requests_total", "status", "5xx"),
                    Counter.PROMPT_TOKENS, Selector.sum("vllm:prompt_tokens_total"),
                    Counter.GENERATED_TOKENS, Selector.sum("vllm:generation_tokens_total")),
            Map.of(Latency.E2E, List.of("vllm:e2e_request_latency_seconds"),
                    Latency.TTFT, List.of("vllm:time_to_first_token_seconds"),
                    Latency.ITL, List.of("vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds")),
            Map.of(Level.RUNNING, Selector.sum("vllm:num_requests_running"),
                    Level.WAITING, Selector.sum("vllm:num_requests_waiting"),
                    Level.KV_CACHE_USAGE, Selector.mean("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc")));

    private static final MetricMapping NOTHING = new MetricMapping(Map.of(), Map.of(), Map.of());

    static MetricMapping of(EngineFlavor flavor) {
        return switch (flavor) {
            case BUILTIN -> BUILTIN;
            case LLAMA_CPP -> LLAMA_CPP;
            case VLLM -> VLLM;
            case UNKNOWN -> NOTHING;
        };
    }

    /** The numbers of one scrape; what the scrape lacks is simply absent from the maps. */
    ScrapePoint extract(ParsedMetrics m, Instant at, EngineFlavor flavor) {
        ScrapePoint point = new ScrapePoint(at, flavor, new EnumMap<>(Counter.class), new EnumMap<>(Latency.class),
                new EnumMap<>(Level.class));
        counters.forEach((k, sel) -> sel.read(m).ifPresent(v -> point.counters().put(k, v)));
        gauges.forEach((k, sel) -> sel.read(m).ifPresent(v -> point.gauges().put(k, v)));
        histograms.forEach((k, names) -> names.stream().map(n -> Histogram.from(m, n))
                .flatMap(Optional::stream).findFirst().ifPresent(h -> point.histograms().put(k, h)));
        return point;
    }

    /** Counters, histograms and gauges of one scrape at one instant (maps filled once, then only read). */
    record ScrapePoint(Instant at, EngineFlavor flavor, Map<Counter, Double> counters,
                       Map<Latency, Histogram> histograms, Map<Level, Double> gauges) {
    }
}
