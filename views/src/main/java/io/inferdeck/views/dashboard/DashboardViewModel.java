package io.inferdeck.views.dashboard;

import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.EngineMetricsFormat;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.services.energy.EnergyPrices;
import io.inferdeck.services.metrics.MetricsUpdate;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * The Dashboard's state, fed immutable snapshots ({@link GpuSnapshot} at the GPU sampler's rate, engine
 * metrics at the scraper's). The {@code accept…} methods may be called from any thread: they reach the
 * page as one {@link DashboardPageState} through its one dispatcher channel. Everything else is derived
 * on the FX thread: tiles with SLO colours ({@link DashboardTiles}), GPU cards ({@link DashboardGpus}),
 * bounded series ({@link DashboardSeries}) and wall paging ({@link WallPager}); properties are FX thread only.
 *
 * <p>Absent figures stay "n/a" and leave gaps in the series; they never become 0.
 */
public final class DashboardViewModel {

    /** A typical objective, P95 end-to-end latency 500 ms (the deployment guide's target); none applies unless configured. */
    public static final Duration DEFAULT_SLO_P95 = Duration.ofMillis(500);
    /** GPU cards per wall-mode page; more GPUs than this cycle. */
    public static final int WALL_GPUS_PER_PAGE = WallPager.GPUS_PER_PAGE;
    /** A chart never draws more points than this per series. */
    public static final int MAX_CHART_POINTS = DashboardSeries.MAX_CHART_POINTS;
    /** Charts redraw at most this often, in sample time. */
    static final long CHART_REDRAW_MILLIS = 500;

    public static final String QPS = "qps";
    public static final String E2E_P50 = "e2e p50";
    public static final String E2E_P95 = "e2e p95";
    public static final String E2E_P99 = "e2e p99";
    public static final String TTFT_P95 = "ttft p95";
    public static final String TOKENS_OUT = "tokens/s";
    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String KV_CACHE = "kv cache";

    /** The configured P95 objective; empty: none, and no tile is coloured against one. */
    private final Optional<Duration> sloP95;
    private final PageState<DashboardPageState> page;
    private final DashboardSeries series;
    private final DashboardTiles tiles;
    private final DashboardGpus gpus;
    private final DashboardEnergy energy;
    private final WallPager wall = new WallPager();
    private final ObjectProperty<ChartWindow> window = new SimpleObjectProperty<>(ChartWindow.FIVE_MINUTES);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper engineMessage = new ReadOnlyStringWrapper("No engine metrics yet.");
    private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper("");
    /** Bumped whenever chart data should be redrawn; frozen while paused. */
    private final ReadOnlyLongWrapper chartRevision = new ReadOnlyLongWrapper(0);
    private DashboardPageState shown = DashboardPageState.EMPTY;
    private long nowMillis;
    private long lastRedrawMillis = Long.MIN_VALUE / 2;

    /**
     * @param gpuRateHz     the GPU sampler's rate; sizes the GPU series' rings
     * @param metricsRateHz the scraper's rate; sizes the engine series' rings
     * @param prices        for the cost-per-token tile
     */
    public DashboardViewModel(FxDispatcher dispatcher, double gpuRateHz, double metricsRateHz, Optional<Duration> sloP95,
                              EnergyPrices prices) {
        if (!(gpuRateHz > 0 && metricsRateHz > 0) || sloP95.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
            throw new IllegalArgumentException("rates and SLO must be positive");
        }
        this.sloP95 = sloP95;
        this.series = new DashboardSeries(List.of(QPS, E2E_P50, E2E_P95, E2E_P99, TTFT_P95, TOKENS_OUT, RUNNING, WAITING,
                KV_CACHE), metricsRateHz, gpuRateHz);
        this.energy = new DashboardEnergy(prices);
        this.tiles = new DashboardTiles(sloMillis(), energy);
        this.gpus = new DashboardGpus(series, tiles);
        this.page = PageState.latest(dispatcher, "dashboard", DashboardPageState.EMPTY, this::show);
        window.addListener((obs, was, now) -> bumpCharts());
    }

    /** Default prices ({@link EnergyPrices#DEFAULTS}). */
    public DashboardViewModel(FxDispatcher dispatcher, double gpuRateHz, double metricsRateHz, Optional<Duration> sloP95) {
        this(dispatcher, gpuRateHz, metricsRateHz, sloP95, EnergyPrices.DEFAULTS);
    }

    /** A configured P95 objective {@code sloP95}, default prices. */
    public DashboardViewModel(FxDispatcher dispatcher, double gpuRateHz, double metricsRateHz, Duration sloP95) {
        this(dispatcher, gpuRateHz, metricsRateHz, Optional.of(sloP95));
    }

    /** 2 Hz GPU samples, 1 Hz scrapes, no objective, default prices. */
    public DashboardViewModel(FxDispatcher dispatcher) {
        this(dispatcher, 2.0, 1.0, Optional.empty());
    }

    /** Any thread: one GPU sample. */
    public void acceptGpu(GpuSnapshot snapshot) {
        page.update(s -> s.withGpu(snapshot));
    }

    /** Any thread: one scrape's outcome (the composition root connects the metrics topic here). */
    public void accept(MetricsUpdate update) {
        page.update(s -> s.withMetrics(update));
    }

    /** Any thread: one normalized scrape. */
    public void acceptMetrics(EngineMetrics m) {
        accept(new MetricsUpdate.Scraped(m));
    }

    /** Any thread: the engine cannot be scraped (none running, or the scrape failed). Tiles go to n/a. */
    public void metricsUnavailable(String reason) {
        accept(new MetricsUpdate.Unavailable(reason));
    }

    /** Any thread: the outcome of an export ("Saved …" or "Export failed: …"). */
    public void exportFinished(String message) {
        page.update(s -> s.withExport(message));
    }

    /** FX thread (dispatcher drain): the parts that changed since the last drain, GPUs first. */
    private void show(DashboardPageState s) {
        if (s.gpu() != null && s.gpu() != shown.gpu()) {
            showGpu(s.gpu());
        }
        if (s.metrics() != null && s.metrics() != shown.metrics()) {
            switch (s.metrics()) {
                case MetricsUpdate.Scraped scraped -> showMetrics(scraped.metrics());
                case MetricsUpdate.Unavailable u -> {
                    engineMessage.set(u.reason());
                    tiles.clearEngine();
                    energy.metricsUnavailable();
                }
            }
        }
        if (s.export() != null && s.export() != shown.export()) {
            exportStatus.set(s.export());
        }
        shown = s;
    }

    private void showGpu(GpuSnapshot snapshot) {
        advance(snapshot.at().toEpochMilli());
        energy.gpu(snapshot);
        if (!gpus.show(snapshot, nowMillis)) {
            bumpCharts();
            return;
        }
        wall.sampled(gpus.cards().size(), nowMillis);
        chartsChanged();
    }

    private void showMetrics(EngineMetrics m) {
        advance(m.at().toEpochMilli());
        engineMessage.set("Engine metrics: " + EngineMetricsFormat.sourcesText(m)
                + (m.window().isZero() ? "" : ", rates over " + m.window().toSeconds() + " s"));
        series.record(QPS, nowMillis, m.qps());
        series.record(E2E_P50, nowMillis, DashboardTiles.ms(m.e2e().p50()));
        series.record(E2E_P95, nowMillis, DashboardTiles.ms(m.e2e().p95()));
        series.record(E2E_P99, nowMillis, DashboardTiles.ms(m.e2e().p99()));
        series.record(TTFT_P95, nowMillis, DashboardTiles.ms(m.ttft().p95()));
        series.record(TOKENS_OUT, nowMillis, m.tokensOutPerSec());
        series.record(RUNNING, nowMillis, m.running());
        series.record(WAITING, nowMillis, m.waiting());
        series.record(KV_CACHE, nowMillis, m.kvCacheUsage().isPresent()
                ? OptionalDouble.of(m.kvCacheUsage().getAsDouble() * 100) : OptionalDouble.empty());
        tiles.show(m);
        energy.metrics(m);
        chartsChanged();
    }

    public void togglePaused() {
        paused.set(!paused.get());
        bumpCharts();
    }

    public void toggleWallMode() {
        wall.toggle(nowMillis);
    }

    /** The named series within the selected window, oldest first. Series names: the constants, or {@link #gpuSeriesName}. */
    public List<TimeSeries.Point> points(String name) {
        return series.points(name, window.get(), nowMillis);
    }

    public List<String> gpuSeriesNames() {
        return series.gpuSeriesNames();
    }

    public static String gpuSeriesName(int index) {
        return DashboardSeries.gpuSeriesName(index);
    }

    /** The configured P95 objective in milliseconds, for the chart's SLO line; empty when none is configured. */
    public OptionalDouble sloMillis() {
        return sloP95.map(d -> OptionalDouble.of(d.toNanos() / 1e6)).orElse(OptionalDouble.empty());
    }

    public long nowMillis() {
        return nowMillis;
    }

    /** The selected window as CSV: one row per (series, time), times as epoch ms, values in the series' units. */
    public String csv() {
        return series.csv(window.get(), nowMillis);
    }

    /** Total points held across all series: bounded by {@link #maxPoints()}. */
    int heldPoints() {
        return series.heldPoints();
    }

    int maxPoints() {
        return series.maxPoints();
    }

    private void advance(long atMillis) {
        nowMillis = Math.max(nowMillis, atMillis);
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

    public ObservableList<GpuCardViewModel> gpuCards() { return gpus.cards(); }
    public List<TileViewModel> tiles() { return tiles.all(); }
    public TileViewModel qpsTile() { return tiles.qps; }
    public TileViewModel p95Tile() { return tiles.p95; }
    public TileViewModel p99Tile() { return tiles.p99; }
    public TileViewModel ttftTile() { return tiles.ttft; }
    public TileViewModel tokensTile() { return tiles.tokens; }
    public TileViewModel cacheHitRateTile() { return tiles.cache; }
    public TileViewModel memoryTile() { return tiles.memory; }
    public TileViewModel joulesPerTokenTile() { return energy.joules; }
    public TileViewModel costTile() { return energy.cost; }
    public ObjectProperty<ChartWindow> windowProperty() { return window; }
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty wallModeProperty() { return wall.wallModeProperty(); }
    public ReadOnlyBooleanProperty gpusAvailableProperty() { return gpus.availableProperty(); }
    public ReadOnlyStringProperty gpuMessageProperty() { return gpus.messageProperty(); }
    public ReadOnlyStringProperty engineMessageProperty() { return engineMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty exportStatusProperty() { return exportStatus.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty wallPageProperty() { return wall.pageProperty(); }
    public ReadOnlyLongProperty chartRevisionProperty() { return chartRevision.getReadOnlyProperty(); }
}
