package io.inferdeck.runner;

import io.inferdeck.gguf.ModelSummary;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The runner's Prometheus metrics. Names, labels and buckets are a shared contract (BRIEF.md, docs/runner.md):
 * io.inferdeck.control scrapes them, so change them only together with it. Own registry, no globals.
 * Thread-safe (prometheus-metrics-core metrics are).
 */
final class RunnerMetrics {
    /** Seconds; wide enough for a GPU's 1 ms inter-token gap and a CPU's minute-long request. */
    static final double[] LATENCY_BUCKETS = {.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20, 30, 60};
    static final double[] TOKEN_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192};

    enum Outcome { OK, ERROR, CANCELLED, REJECTED;
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    final Histogram requestDuration = latency("inferdeck_request_duration_seconds",
            "End-to-end time of successful requests, from request received to last byte written.");
    final Histogram timeToFirstToken = latency("inferdeck_time_to_first_token_seconds",
            "Time from request received (queueing included) to the first generated token.");
    final Histogram interTokenLatency = latency("inferdeck_inter_token_latency_seconds",
            "Time between consecutive generated tokens of one request.");
    final Histogram promptTokens = tokens("inferdeck_request_prompt_tokens", "Prompt tokens of successful requests.");
    final Histogram generatedTokens = tokens("inferdeck_request_generated_tokens", "Generated tokens of successful requests.");
    private final Counter requests = Counter.builder().name("inferdeck_requests_total")
            .help("Completion requests by outcome: ok, error (4xx/5xx), cancelled (client went away), rejected (429/503/401/403).")
            .labelNames("outcome").register(registry);
    final Counter promptTokensTotal = Counter.builder().name("inferdeck_prompt_tokens_total")
            .help("Prompt tokens of every request that reached a slot.").register(registry);
    final Counter generatedTokensTotal = Counter.builder().name("inferdeck_generated_tokens_total")
            .help("Tokens generated, including those of requests later cancelled.").register(registry);

    private final SlotGate gate;

    RunnerMetrics(SlotGate gate) {
        this.gate = gate;
        for (Outcome o : Outcome.values()) {
            requests.initLabelValues(o.label());
        }
        gauge("inferdeck_requests_running", "Requests generating now.", gate::running);
        gauge("inferdeck_requests_waiting", "Requests waiting for a free slot.", gate::waiting);
        // Every running request holds exactly one slot; both names exist so dashboards read like llama-server's.
        gauge("inferdeck_slots_busy", "Slots in use.", gate::running);
        // de.kherud:llama 4.2.0 exposes no KV cache statistics: the KV figures are the runner's estimate (kvEstimate)
    }

    /** Registered once the slots' context is known (the completion service exists); an estimate, see KvEstimate. */
    void kvEstimate(KvEstimate kv) {
        GaugeWithCallback.builder().name("inferdeck_kv_cache_tokens")
                .help("Estimated KV cache tokens held: prompt + generated tokens of each request holding a slot.")
                .callback(cb -> cb.call(kv.tokens())).register(registry);
        GaugeWithCallback.builder().name("inferdeck_kv_cache_usage_ratio")
                .help("Estimated KV cache in use: inferdeck_kv_cache_tokens over ctx (every slot's context), 0..1.")
                .callback(cb -> cb.call(kv.usage())).register(registry);
    }

    /** Registered once the model is loaded (the backend is known only then). */
    void modelLoaded(String modelId, ModelSummary s, String backend) {
        Info.builder().name("inferdeck_model_info").help("The served model; value is always 1.")
                .labelNames("model", "quant", "backend").register(registry).setLabelValues(modelId, s.quant(), backend);
        Gauge.builder().name("inferdeck_model_file_bytes").help("Size of the model file in bytes.")
                .register(registry).set(s.fileBytes());
        Gauge.builder().name("inferdeck_model_parameters").help("Parameters (weights) of the model.")
                .register(registry).set(s.parameters());
    }

    void count(Outcome o) {
        requests.labelValues(o.label()).inc();
    }

    /** Writes the Prometheus text format (0.0.4). */
    void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
        // The contract's gauge name ends in "_total", which client_java 1.x reserves for counters and refuses
        // to register; the text format itself allows it, so this one family is written by hand.
        out.write(("# HELP inferdeck_slots_total Parallel slots (--parallel).\n# TYPE inferdeck_slots_total gauge\n"
                + "inferdeck_slots_total " + gate.slots() + ".0\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    private Histogram latency(String name, String help) {
        return Histogram.builder().name(name).help(help).unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    }

    private Histogram tokens(String name, String help) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(TOKEN_BUCKETS).register(registry);
    }

    private void gauge(String name, String help, java.util.function.IntSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsInt())).register(registry);
    }
}
