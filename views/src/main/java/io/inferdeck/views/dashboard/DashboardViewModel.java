package io.inferdeck.views.dashboard;

import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Dashboard's state, fed immutable snapshots ({@link GpuSnapshot} at the GPU sampler's rate,
 * {@link EngineMetrics} at the scraper's) on the FX thread by the dispatcher. Everything else is
 * derived: tiles with SLO colours, GPU cards, bounded series. Not thread-safe: FX thread only.
 *
 * <p>Absent figures stay "n/a" and leave gaps in the series; they never become 0.
 */
public final class DashboardViewModel {

    /** Default objective: P95 end-to-end latency 500 ms (the deployment guide's target). */
    public static final Duration DEFAULT_SLO_P95 = Duration.ofMillis(500);
    /** GPU cards per wall-mode page; more GPUs than this cycle. */
    public static final int WALL_GPUS_PER_PAGE = 4;
    /** How long one wall-mode page of GPU cards stays up, measured in snapshot time. */
    static final Duration WALL_PAGE_DWELL = Duration.ofSeconds(8);

    public static final String QPS = "qps";
    public static final String E2E_P50 = "e2e p50";
    public static final String E2E_P95 = "e2e p95";
    public static final String E2E_P99 = "e2e p99";
    public static final String TTFT_P95 = "ttft p95";
    public static final String TOKENS_OUT = "tokens/s";
    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String KV_CACHE = "kv cache";
    static final String GPU_MEMORY_PREFIX = "gpu";

    private final double gpuRateHz;
    private final double metricsRateHz;
    private final Duration sloP95;
    private final Map<String, TimeSeries> series = new LinkedHashMap<>();
    private final ObservableList<GpuCardViewModel> gpuCards = FXCollections.observableArrayList();
    // one wrapper, kept: listeners on a throwaway unmodifiable wrapper are dropped when it is collected
    private final ObservableList<GpuCardViewModel> gpuCardsView = FXCollections.unmodifiableObservableList(gpuCards);

    private final TileViewModel qpsTile = new TileViewModel("Requests / s", "req/s");
    private final TileViewModel p95Tile = new TileViewModel("Latency P95", "ms");
    private final TileViewModel p99Tile = new TileViewModel("Latency P99", "ms");
    private final TileViewModel tokensTile = new TileViewModel("Tokens out / s", "tok/s");
    private final TileViewModel memoryTile = new TileViewModel("GPU memory", "GiB");

    private final ObjectProperty<ChartWindow> window = new SimpleObjectProperty<>(ChartWindow.FIVE_MINUTES);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper wallMode = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper gpusAvailable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper gpuMessage = new ReadOnlyStringWrapper("GPU monitoring has not reported yet.");
    private final ReadOnlyStringWrapper engineMessage = new ReadOnlyStringWrapper("No engine metrics yet.");
    private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper wallPage = new ReadOnlyIntegerWrapper(0);
    /** Bumped whenever chart data should be redrawn; frozen while paused. */
    private final ReadOnlyLongWrapper chartRevision = new ReadOnlyLongWrapper(0);
    private long nowMillis;
    private long wallPageSince = Long.MIN_VALUE;

    /**
     * @param gpuRateHz     the GPU sampler's rate; sizes the GPU series' rings
     * @param metricsRateHz the scraper's rate; sizes the engine series' rings
     */
    public DashboardViewModel(double gpuRateHz, double metricsRateHz, Duration sloP95) {
        if (!(gpuRateHz > 0 && metricsRateHz > 0) || sloP95.isNegative() || sloP95.isZero()) {
            throw new IllegalArgumentException("rates and SLO must be positive");
        }
        this.gpuRateHz = gpuRateHz;
        this.metricsRateHz = metricsRateHz;
        this.sloP95 = sloP95;
        for (String key : List.of(QPS, E2E_P50, E2E_P95, E2E_P99, TTFT_P95, TOKENS_OUT, RUNNING, WAITING, KV_CACHE)) {
            series.put(key, new TimeSeries(metricsRateHz));
        }
        window.addListener((obs, was, now) -> bumpCharts());
    }

    public DashboardViewModel() {
        this(2.0, 1.0, DEFAULT_SLO_P95);
    }

    /** FX thread: one GPU sample. */
    public void acceptGpu(GpuSnapshot snapshot) {
        advance(snapshot.at().toEpochMilli());
        if (!snapshot.state().isOk()) {
            gpusAvailable.set(false);
            gpuMessage.set(snapshot.state().message());
            gpuCards.clear();
            memoryTile.clear();
            bumpCharts();
            return;
        }
        gpusAvailable.set(!snapshot.gpus().isEmpty());
        gpuMessage.set(snapshot.gpus().isEmpty() ? "The driver reports no GPUs." : snapshot.state().message());
        while (gpuCards.size() > snapshot.gpus().size()) {
            gpuCards.remove(gpuCards.size() - 1);
        }
        while (gpuCards.size() < snapshot.gpus().size()) {
            gpuCards.add(new GpuCardViewModel());
        }
        long used = 0;
        long total = 0;
        boolean anyMemory = false;
        for (int i = 0; i < snapshot.gpus().size(); i++) {
            GpuReading r = snapshot.gpus().get(i);
            gpuCards.get(i).update(r);
            if (!r.lost() && r.memoryUsedBytes() != null && r.memoryTotalBytes() != null) {
                used += r.memoryUsedBytes();
                total += r.memoryTotalBytes();
                anyMemory = true;
                gpuSeries(r.index()).add(nowMillis, r.memoryUsedBytes() / GIB);
            }
        }
        if (anyMemory && total > 0) {
            memoryTile.show(fmt("%.1f / %.0f", used / GIB, total / GIB),
                    SloLevel.against((double) used / total, GpuCardViewModel.MEMORY_LIMIT_FRACTION));
        } else {
            memoryTile.clear();
        }
        cycleWallPage();
        chartsChanged();
    }

    /** FX thread: one normalized scrape. */
    public void acceptMetrics(EngineMetrics m) {
        advance(m.at().toEpochMilli());
        engineMessage.set("Engine metrics: " + m.flavor().id()
                + (m.window().isZero() ? "" : ", rates over " + m.window().toSeconds() + " s"));
        record(QPS, m.qps());
        record(E2E_P50, ms(m.e2e().p50()));
        record(E2E_P95, ms(m.e2e().p95()));
        record(E2E_P99, ms(m.e2e().p99()));
        record(TTFT_P95, ms(m.ttft().p95()));
        record(TOKENS_OUT, m.tokensOutPerSec());
        record(RUNNING, m.running());
        record(WAITING, m.waiting());
        record(KV_CACHE, percent(m.kvCacheUsage()));
        SloLevel latency = level(m.e2e().p95());
        showOrClear(qpsTile, m.qps(), "%.2f", latency);
        showOrClear(p95Tile, ms(m.e2e().p95()), "%.0f", latency);
        showOrClear(p99Tile, ms(m.e2e().p99()), "%.0f", level(m.e2e().p99()));
        showOrClear(tokensTile, m.tokensOutPerSec(), "%.1f", latency);
        chartsChanged();
    }

    /** FX thread: the engine cannot be scraped (none running, or the scrape failed). Tiles go to n/a. */
    public void metricsUnavailable(String reason) {
        engineMessage.set(reason);
        qpsTile.clear();
        p95Tile.clear();
        p99Tile.clear();
        tokensTile.clear();
    }

    /** FX thread: the outcome of an export ("Saved …" or "Export failed: …"). */
    public void exportFinished(String message) {
        exportStatus.set(message);
    }

    public void togglePaused() {
        paused.set(!paused.get());
        bumpCharts();
    }

    public void toggleWallMode() {
        wallMode.set(!wallMode.get());
        wallPage.set(0);
        wallPageSince = nowMillis;
    }

    /** The named series within the selected window, oldest first. Series names: the constants, or {@link #gpuSeriesName}. */
    public List<TimeSeries.Point> points(String name) {
        TimeSeries s = series.get(name);
        return s == null ? List.of() : decimate(s.points(window.get(), nowMillis), MAX_CHART_POINTS);
    }

    /** A chart never draws more than this per series (a chart is ~450 px wide at 1920x1080; the 1 h window, 360 buckets + 60 raw, fits undecimated); CSV keeps all. */
    static final int MAX_CHART_POINTS = 480;

    /** Averages runs of consecutive points so at most {@code max} remain (time = the run's mean). */
    static List<TimeSeries.Point> decimate(List<TimeSeries.Point> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        int stride = (points.size() + max - 1) / max;
        List<TimeSeries.Point> out = new java.util.ArrayList<>(max);
        for (int i = 0; i < points.size(); i += stride) {
            int end = Math.min(points.size(), i + stride);
            double t = 0;
            double v = 0;
            for (int k = i; k < end; k++) {
                t += points.get(k).atMillis();
                v += points.get(k).value();
            }
            out.add(new TimeSeries.Point(Math.round(t / (end - i)), v / (end - i)));
        }
        return out;
    }

    public List<String> gpuSeriesNames() {
        return series.keySet().stream().filter(k -> k.startsWith(GPU_MEMORY_PREFIX)).toList();
    }

    public static String gpuSeriesName(int index) {
        return GPU_MEMORY_PREFIX + " " + index;
    }

    /** The P95 objective in milliseconds, for the chart's SLO line. */
    public double sloMillis() {
        return sloP95.toNanos() / 1e6;
    }

    public long nowMillis() {
        return nowMillis;
    }

    /** The selected window as CSV: one row per (series, time), times as epoch ms, values in the series' units. */
    public String csv() {
        StringBuilder out = new StringBuilder("series,epoch_ms,value\n");
        series.forEach((name, s) -> {
            for (TimeSeries.Point p : s.points(window.get(), nowMillis)) {
                out.append(name).append(',').append(p.atMillis()).append(',')
                        .append(String.format(Locale.ROOT, "%.6g", p.value())).append('\n');
            }
        });
        return out.toString();
    }

    /** Total points held across all series: bounded by {@link #maxPoints()}. */
    int heldPoints() {
        return series.values().stream().mapToInt(TimeSeries::size).sum();
    }

    int maxPoints() {
        return series.values().stream().mapToInt(TimeSeries::maxSize).sum();
    }

    private TimeSeries gpuSeries(int index) {
        return series.computeIfAbsent(gpuSeriesName(index), k -> new TimeSeries(gpuRateHz));
    }

    private void advance(long atMillis) {
        nowMillis = Math.max(nowMillis, atMillis);
    }

    private void record(String name, OptionalDouble value) {
        if (value.isPresent()) {
            series.get(name).add(nowMillis, value.getAsDouble());
        }
    }

    private SloLevel level(OptionalDouble seconds) {
        return seconds.isPresent() ? SloLevel.against(seconds.getAsDouble() * 1000, sloMillis()) : SloLevel.NEUTRAL;
    }

    private static void showOrClear(TileViewModel tile, OptionalDouble v, String format, SloLevel level) {
        if (v.isPresent()) {
            tile.show(fmt(format, v.getAsDouble()), level);
        } else {
            tile.clear();
        }
    }

    private static OptionalDouble ms(OptionalDouble seconds) {
        return seconds.isPresent() ? OptionalDouble.of(seconds.getAsDouble() * 1000) : seconds;
    }

    private static OptionalDouble percent(OptionalDouble fraction) {
        return fraction.isPresent() ? OptionalDouble.of(fraction.getAsDouble() * 100) : fraction;
    }

    private void cycleWallPage() {
        int pages = Math.max(1, (gpuCards.size() + WALL_GPUS_PER_PAGE - 1) / WALL_GPUS_PER_PAGE);
        if (!wallMode.get() || pages == 1) {
            wallPage.set(0);
            return;
        }
        if (wallPageSince == Long.MIN_VALUE || nowMillis - wallPageSince >= WALL_PAGE_DWELL.toMillis()) {
            if (wallPageSince != Long.MIN_VALUE) {
                wallPage.set((wallPage.get() + 1) % pages);
            }
            wallPageSince = nowMillis;
        }
    }

    /**
     * New data: redraw at most every {@value #CHART_REDRAW_MILLIS} ms of sample time. Every redraw moves
     * every point (x is relative to now) and re-lays-out all charts, which is most of the FX thread's
     * work; at 2 Hz a 5 min window on a ~450 px chart moves under 1 px per redraw, so nothing visible is lost.
     */
    private void chartsChanged() {
        if (nowMillis - lastRedrawMillis >= CHART_REDRAW_MILLIS) {
            bumpCharts();
        }
    }

    /** Redraw now (window, pause, or a source going away). */
    private void bumpCharts() {
        if (!paused.get()) {
            chartRevision.set(chartRevision.get() + 1);
            lastRedrawMillis = nowMillis;
        }
    }

    static final long CHART_REDRAW_MILLIS = 500;
    private long lastRedrawMillis = Long.MIN_VALUE / 2;

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    public ObservableList<GpuCardViewModel> gpuCards() { return gpuCardsView; }
    public List<TileViewModel> tiles() { return List.of(qpsTile, p95Tile, p99Tile, tokensTile, memoryTile); }
    public TileViewModel qpsTile() { return qpsTile; }
    public TileViewModel p95Tile() { return p95Tile; }
    public TileViewModel p99Tile() { return p99Tile; }
    public TileViewModel tokensTile() { return tokensTile; }
    public TileViewModel memoryTile() { return memoryTile; }
    public ObjectProperty<ChartWindow> windowProperty() { return window; }
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty wallModeProperty() { return wallMode.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty gpusAvailableProperty() { return gpusAvailable.getReadOnlyProperty(); }
    public ReadOnlyStringProperty gpuMessageProperty() { return gpuMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty engineMessageProperty() { return engineMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty exportStatusProperty() { return exportStatus.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty wallPageProperty() { return wallPage.getReadOnlyProperty(); }
    public ReadOnlyLongProperty chartRevisionProperty() { return chartRevision.getReadOnlyProperty(); }
}
