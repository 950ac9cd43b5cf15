package io.inferdeck.control.gateway;

import static io.inferdeck.control.metrics.GatewayMetricNames.*;

import io.inferdeck.control.gateway.cache.CacheEvents;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;

/**
 * The response cache's families in the gateway's registry, registered only for a gateway whose cache is on, so
 * "cache off" reads as not available rather than a 0 % hit rate. Both lookup results start at 0, so the hit
 * rate is not available (no lookups) rather than absent once the cache is on. Thread-safe.
 */
final class CacheMetrics implements CacheEvents {
    private final Counter lookups;
    private final Counter bypasses;
    private final Counter stores;
    private final Counter evictions;
    private final Counter coalesced;
    private final Gauge waiting;

    CacheMetrics(PrometheusRegistry registry) {
        lookups = Counter.builder().name(CACHE_LOOKUPS).help("Response cache lookups by result (hit, miss)")
                .labelNames("result").register(registry);
        bypasses = Counter.builder().name(CACHE_BYPASSES)
                .help("Requests that skipped the response cache, by reason (no_store, no_cache, sampled, not_json)")
                .labelNames("reason").register(registry);
        stores = Counter.builder().name(CACHE_STORES)
                .help("Replies offered to the response cache, by result (stored, too_large, not_ok)")
                .labelNames("result").register(registry);
        evictions = Counter.builder().name(CACHE_EVICTIONS).help("Response cache entries dropped, by cause (size, expired)")
                .labelNames("cause").register(registry);
        coalesced = Counter.builder().name(CACHE_COALESCED)
                .help("Requests that waited for an identical request in flight instead of asking the engine, by how the"
                        + " wait ended (served: with its reply; proceeded: it stored nothing, forwarded after all; left: client gone)")
                .labelNames("result").register(registry);
        waiting = Gauge.builder().name(CACHE_COALESCING).help("Requests waiting now for an identical request in flight")
                .register(registry);
        lookups.labelValues("hit");
        lookups.labelValues("miss");
    }

    /** The size gauges, read at each scrape (the cache exists only after its events sink does). */
    static void sizes(PrometheusRegistry registry, LongSupplier bytes, LongSupplier entries) {
        GaugeWithCallback.builder().name(CACHE_BYTES).help("Weight of the cached replies (body bytes plus bookkeeping)")
                .callback(cb -> cb.call(bytes.getAsLong())).register(registry);
        GaugeWithCallback.builder().name(CACHE_ENTRIES).help("Replies in the response cache")
                .callback(cb -> cb.call(entries.getAsLong())).register(registry);
    }

    @Override
    public void lookup(boolean hit) {
        lookups.labelValues(hit ? "hit" : "miss").inc();
    }

    @Override
    public void bypass(String reason) {
        bypasses.labelValues(reason).inc();
    }

    @Override
    public void store(String result) {
        stores.labelValues(result).inc();
    }

    @Override
    public void evicted(String cause) {
        evictions.labelValues(cause).inc();
    }

    @Override
    public void joined() {
        waiting.inc();
    }

    @Override
    public void coalesced(String result) {
        waiting.dec();
        coalesced.labelValues(result).inc();
    }
}
