package io.inferdeck.views.dashboard;

import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.Figure;
import io.inferdeck.control.metrics.FigureSource;
import io.inferdeck.control.metrics.Percentiles;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Dashboard's big numbers: engine throughput and latency coloured against the P95 objective where one is
 * configured (neutral otherwise: a colour always answers to a threshold the operator set), the GPUs' memory in
 * neutral (no threshold is configured for it; the GPU cards' bars show how full each is); the gateway's response-cache hit rate with
 * the lookups it rests on (n/a while the cache is off or saw no lookups in the window, never 0 %). Percentile
 * tiles say how many requests they rest on; each engine tile's note says who measured its figure (the engine,
 * or the gateway in front of it). TTFT has no objective of its own: its tile stays neutral. FX thread only.
 */
final class DashboardTiles {
    private static final double GIB = 1024.0 * 1024 * 1024;

    final TileViewModel qps = new TileViewModel("Requests / s", "req/s");
    final TileViewModel p95 = new TileViewModel("Latency P95", "ms");
    final TileViewModel p99 = new TileViewModel("Latency P99", "ms");
    final TileViewModel ttft = new TileViewModel("TTFT P95", "ms");
    final TileViewModel tokens = new TileViewModel("Tokens out / s", "tok/s");
    final TileViewModel cache = new TileViewModel("Cache hit rate", "%");
    final TileViewModel memory = new TileViewModel("GPU memory", "GiB");
    private final OptionalDouble sloMillis;
    private final DashboardEnergy energy;

    DashboardTiles(OptionalDouble sloMillis, DashboardEnergy energy) {
        this.sloMillis = sloMillis;
        this.energy = energy;
    }

    List<TileViewModel> all() {
        return List.of(qps, p95, p99, ttft, tokens, cache, energy.joules, energy.cost, memory);
    }

    /** Throughput tiles follow the latency objective too: a fast-but-late engine is not OK. */
    void show(EngineMetrics m) {
        SloLevel latency = level(m.e2e().p95());
        showOrClear(qps, m.qps(), "%.2f", "", latency, m.source(Figure.QPS));
        showOrClear(p95, ms(m.e2e().p95()), "%.0f", requests(m.e2e()), latency, m.source(Figure.E2E));
        showOrClear(p99, ms(m.e2e().p99()), "%.0f", requests(m.e2e()), level(m.e2e().p99()), m.source(Figure.E2E));
        showOrClear(ttft, ms(m.ttft().p95()), "%.0f", requests(m.ttft()), SloLevel.NEUTRAL, m.source(Figure.TTFT));
        showOrClear(tokens, m.tokensOutPerSec(), "%.1f", "", latency, m.source(Figure.TOKENS_OUT_PER_SEC));
        m.cacheHitRate().ifPresentOrElse(r -> cache.show(String.format(Locale.ROOT, "%.1f", r.ratio() * 100),
                "of " + r.lookups() + " lookups", m.source(Figure.CACHE_HIT_RATE), SloLevel.NEUTRAL), cache::clear);
    }

    void clearEngine() {
        qps.clear();
        p95.clear();
        p99.clear();
        ttft.clear();
        tokens.clear();
        cache.clear();
    }

    void memory(long usedBytes, long totalBytes) {
        memory.show(String.format(Locale.ROOT, "%.1f / %.0f", usedBytes / GIB, totalBytes / GIB), SloLevel.NEUTRAL);
    }

    private SloLevel level(OptionalDouble seconds) {
        return seconds.isPresent() && sloMillis.isPresent()
                ? SloLevel.against(seconds.getAsDouble() * 1000, sloMillis.getAsDouble()) : SloLevel.NEUTRAL;
    }

    /** What percentiles rest on, e.g. "of 412 requests"; empty when the source does not count them. */
    static String requests(Percentiles p) {
        if (p.observations().isEmpty()) {
            return "";
        }
        long n = Math.round(p.observations().getAsDouble());
        return "of " + n + (n == 1 ? " request" : " requests");
    }

    private static void showOrClear(TileViewModel tile, OptionalDouble v, String format, String basis, SloLevel level,
                                    Optional<FigureSource> source) {
        if (v.isPresent()) {
            tile.show(String.format(Locale.ROOT, format, v.getAsDouble()), basis, source, level);
        } else {
            tile.clear();
        }
    }

    static OptionalDouble ms(OptionalDouble seconds) {
        return seconds.isPresent() ? OptionalDouble.of(seconds.getAsDouble() * 1000) : seconds;
    }
}
