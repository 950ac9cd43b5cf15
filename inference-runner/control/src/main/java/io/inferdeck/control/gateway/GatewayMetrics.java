package io.inferdeck.control.gateway;

import static io.inferdeck.control.metrics.GatewayMetricNames.*;

import io.inferdeck.control.gateway.cache.CacheEvents;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

/**
 * The gateway's own measurements, one registry per gateway (no global registry). Latency histograms carry
 * {@link LatencyBuckets} as classic buckets plus native buckets; labels upstream, model, key. Counters:
 * requests by outcome and status, prompt/completion tokens by {@code estimated}, upstream errors by reason, live
 * safety decisions by direction, stage and decision. The response cache's families come from {@link CacheMetrics}
 * when the cache is on. The per-request families keep their data points per label set ({@link MetricSeries}) and
 * carry no exemplars (the gateway has no traces to link; the sampler would be asked on every observation).
 * Thread-safe (client_java metrics are).
 */
public final class GatewayMetrics {
    /** For {@link #record}: a request with no gaps between streamed events. */
    static final double[] NO_GAPS = {};
    private static final String[] LABELS = {"upstream", "model", "key"};
    private static final int QUEUE_SLOT = 0;
    private static final int E2E_SLOT = 1;
    private static final int TTFT_SLOT = 2;
    private static final int ITL_SLOT = 3;
    /** Two slots each: estimated="true", then "false". */
    private static final int PROMPT_SLOT = 4;
    private static final int COMPLETION_SLOT = 6;
    private static final int SLOTS = 8;

    private record SeriesKey(String upstream, String model, String key) {
    }

    /** Every label set seen so far; as many as client_java keeps itself (model labels are bounded by ClientCall). */
    private final ConcurrentHashMap<SeriesKey, MetricSeries> series = new ConcurrentHashMap<>();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram e2e = latency(E2E, "Request received to last byte sent, successful requests", LatencyBuckets.fine());
    private final Histogram ttft = latency(TTFT, "Request received to first streamed content event", LatencyBuckets.fine());
    private final Histogram itl = latency(ITL, "Time between consecutive streamed content events", LatencyBuckets.bounds());
    private final Histogram queue = latency(QUEUE, "Request received to forwarded to an upstream", LatencyBuckets.bounds());
    private final Counter requests = Counter.builder().name(REQUESTS).help("Requests by outcome and HTTP status")
            .labelNames("upstream", "model", "key", "outcome", "status").withoutExemplars().register(registry);
    private final Counter promptTokens = tokens(PROMPT_TOKENS, "Prompt tokens");
    private final Counter completionTokens = tokens(COMPLETION_TOKENS, "Completion tokens");
    private final Counter upstreamErrors = Counter.builder().name(UPSTREAM_ERRORS)
            .help("Upstream failures seen by the gateway (refused, timeout, unhealthy, broken, status_5xx)")
            .labelNames("upstream", "reason").register(registry);
    private final Counter safety = Counter.builder().name(SAFETY_DECISIONS)
            .help("Live safety decisions by direction (input, output), deciding stage and decision"
                    + " (pass, masked, review, held, blocked)")
            .labelNames("direction", "stage", "decision").register(registry);
    private final Gauge inFlight = Gauge.builder().name(IN_FLIGHT).help("Requests being forwarded now").register(registry);

    private Histogram latency(String name, String help, double[] bounds) {
        return Histogram.builder().name(name).help(help + " (seconds)")
                .classicUpperBounds(bounds).labelNames(LABELS).withoutExemplars().register(registry);
    }

    private Counter tokens(String name, String help) {
        return Counter.builder().name(name).help(help + "; estimated=\"true\" when counted by the gateway")
                .labelNames("upstream", "model", "key", "estimated").withoutExemplars().register(registry);
    }

    /** Counts one finished request; {@code itlSeconds} are its gaps between streamed content events. */
    public void record(RequestRecord r, double[] itlSeconds) {
        MetricSeries s = series(r.upstream(), r.model(), r.keyId());
        s.requests(requests, r.outcome(), r.status()).inc();
        if (r.upstream().equals(RequestRecord.NONE)) {
            return;   // answered by the gateway itself: no upstream latency to speak of
        }
        s.point(QUEUE_SLOT, queue).observe(r.queueMs() / 1000);
        if (r.outcome() == RequestRecord.Outcome.OK) {
            s.point(E2E_SLOT, e2e).observe(r.e2eMs() / 1000);
        }
        if (r.ttftMs().isPresent()) {
            s.point(TTFT_SLOT, ttft).observe(r.ttftMs().getAsDouble() / 1000);
        }
        for (double gap : itlSeconds) {
            s.point(ITL_SLOT, itl).observe(gap);
        }
        String estimated = Boolean.toString(r.estimated());
        int slot = r.estimated() ? 0 : 1;
        s.point(PROMPT_SLOT + slot, promptTokens, estimated).inc(r.tokensIn());
        s.point(COMPLETION_SLOT + slot, completionTokens, estimated).inc(r.tokensOut());
    }

    private MetricSeries series(String upstream, String model, String key) {
        SeriesKey k = new SeriesKey(upstream, model, key);
        MetricSeries s = series.get(k);
        return s != null ? s : series.computeIfAbsent(k, x -> new MetricSeries(upstream, model, key, SLOTS));
    }

    /** Registers the response cache's counters (once, only when the cache is on) and returns where the cache reports. */
    public CacheEvents cacheEvents() {
        return new CacheMetrics(registry);
    }

    /** Registers the response cache's size gauges, read at each scrape. */
    public void cacheSize(LongSupplier bytes, LongSupplier entries) {
        CacheMetrics.sizes(registry, bytes, entries);
    }

    public void upstreamError(Upstream u, String reason) {
        upstreamErrors.labelValues(u.id(), reason).inc();
    }

    /** Counts one live safety decision on a request ({@code input}) or a reply ({@code output}). */
    public void safetyDecision(String direction, String stage, String decision) {
        safety.labelValues(direction, stage, decision).inc();
    }

    /** Registers the live filter's verdict-cache look-ups (once, only when it keeps a cache), read at each scrape. */
    public void safetyCache(Supplier<Map<String, Long>> lookups) {
        CounterWithCallback.builder().name(SAFETY_CACHE_LOOKUPS)
                .help("Look-ups of the live safety filter's verdict cache by result (hit: a costly stage's verdict reused)")
                .labelNames("result").callback(cb -> lookups.get().forEach((result, n) -> cb.call(n, result)))
                .register(registry);
    }

    void started() {
        inFlight.inc();
    }

    void finished() {
        inFlight.dec();
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
