package io.inferdeck.views.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inferdeck.control.metrics.CacheHitRate;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.Figure;
import io.inferdeck.control.metrics.FigureSource;
import io.inferdeck.control.metrics.Percentiles;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static EngineMetrics metrics(Instant at, double qps, double p95Seconds) {
        return EngineMetrics.builder(at, new EngineFlavor("builtin"))
                .qps(OptionalDouble.of(qps))
                .e2e(new Percentiles(OptionalDouble.of(p95Seconds / 2), OptionalDouble.of(p95Seconds),
                        OptionalDouble.of(p95Seconds * 1.5), OptionalDouble.of(100)))
                .tokensOutPerSec(OptionalDouble.of(qps * 20))
                .build();
    }

    /** llama.cpp behind the gateway: QPS and e2e measured by the gateway, tokens out by the engine. */
    static EngineMetrics viaGateway(Instant at) {
        return EngineMetrics.builder(at, new EngineFlavor("llama.cpp")).window(Duration.ofSeconds(30))
                .qps(OptionalDouble.of(4)).source(Figure.QPS, FigureSource.GATEWAY)
                .e2e(new Percentiles(OptionalDouble.of(0.1), OptionalDouble.of(0.2), OptionalDouble.of(0.3),
                        OptionalDouble.of(40))).source(Figure.E2E, FigureSource.GATEWAY)
                .tokensOutPerSec(OptionalDouble.of(80)).source(Figure.TOKENS_OUT_PER_SEC, FigureSource.ENGINE)
                .build();
    }

    static GpuSnapshot gpus(Instant at, int count, long usedGib) {
        GpuSnapshot.Builder b = GpuSnapshot.builder().at(at).state(SourceState.ok("NVML stand-in"));
        for (int i = 0; i < count; i++) {
            b.gpu(GpuReading.builder(i).name("Stand-in H100").memoryTotalBytes(80 * GIB)
                    .memoryUsedBytes(usedGib * GIB).gpuUtilizationPercent(42).temperatureCelsius(61)
                    .powerMilliwatts(300_000L).powerLimitMilliwatts(700_000L)
                    .processes(List.of(new GpuProcess(4242, 20 * GIB, "default"), new GpuProcess(7, GIB, null)))
                    .build());
        }
        return b.build();
    }

    @Test
    void metricsSnapshotFillsTilesWithSloColours() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create(), 2, 1, DashboardViewModel.DEFAULT_SLO_P95);
        vm.acceptMetrics(metrics(T0, 12.5, 0.300));
        assertEquals("12.50", vm.qpsTile().valueProperty().get());
        assertEquals("300", vm.p95Tile().valueProperty().get());
        assertEquals(SloLevel.OK, vm.p95Tile().levelProperty().get());
        assertEquals("450", vm.p99Tile().valueProperty().get());
        assertEquals(SloLevel.WARN, vm.p99Tile().levelProperty().get(), "450 ms is within 80..100 % of 500 ms");

        vm.acceptMetrics(metrics(T0.plusSeconds(1), 12.5, 0.600));
        assertEquals(SloLevel.BREACH, vm.p95Tile().levelProperty().get());
        assertEquals(SloLevel.BREACH, vm.qpsTile().levelProperty().get(), "throughput tiles follow the latency SLO");
    }

    @Test
    void sloIsConfigurable() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create(), 2, 1, Duration.ofSeconds(2));
        vm.acceptMetrics(metrics(T0, 1, 0.600));
        assertEquals(SloLevel.OK, vm.p95Tile().levelProperty().get());
        assertEquals(2000.0, vm.sloMillis().getAsDouble());
    }

    @Test
    void withoutAConfiguredObjectiveNoTileIsColouredAndNoSloLineIsOffered() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptMetrics(metrics(T0, 12.5, 60.0));   // a minute at P95: late by any objective, but none was set
        assertEquals("60000", vm.p95Tile().valueProperty().get());
        for (TileViewModel tile : vm.tiles()) {
            assertEquals(SloLevel.NEUTRAL, tile.levelProperty().get(), tile.label());
        }
        assertTrue(vm.sloMillis().isEmpty());
    }

    @Test
    void absentMetricsAreNotAvailableNeverZero() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptMetrics(EngineMetrics.builder(T0, new EngineFlavor("builtin")).build());
        for (TileViewModel tile : vm.tiles()) {
            assertEquals(TileViewModel.NOT_AVAILABLE, tile.valueProperty().get(), tile.label());
            assertFalse(tile.availableProperty().get());
        }
        assertTrue(vm.points(DashboardViewModel.QPS).isEmpty(), "absent values leave a gap, not a 0 point");

        vm.acceptMetrics(metrics(T0.plusSeconds(1), 3, 0.1));
        vm.metricsUnavailable("No engine running");
        assertEquals(TileViewModel.NOT_AVAILABLE, vm.qpsTile().valueProperty().get());
        assertEquals("No engine running", vm.engineMessageProperty().get());
    }

    @Test
    void tilesAndTheEngineLineSayWhoMeasuredEachFigure() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptMetrics(viaGateway(T0));
        assertEquals("4.00", vm.qpsTile().valueProperty().get());
        assertEquals("via gateway", vm.qpsTile().noteProperty().get());
        assertEquals(Optional.of(FigureSource.GATEWAY), vm.qpsTile().sourceProperty().get());
        assertEquals("of 40 requests · via gateway", vm.p95Tile().noteProperty().get(), "percentiles carry their sample count");
        assertEquals("of 40 requests · via gateway", vm.p99Tile().noteProperty().get());
        assertEquals(TileViewModel.NOT_AVAILABLE, vm.ttftTile().valueProperty().get(), "no TTFT from either source");
        assertEquals("", vm.ttftTile().noteProperty().get());
        assertEquals("from engine", vm.tokensTile().noteProperty().get());
        assertEquals("Engine metrics: llama.cpp + gateway (qps, e2e via gateway), rates over 30 s",
                vm.engineMessageProperty().get());

        vm.acceptMetrics(EngineMetrics.builder(T0.plusSeconds(1), new EngineFlavor("llama.cpp")).build());
        assertEquals("", vm.qpsTile().noteProperty().get(), "n/a has no source");
        assertEquals(Optional.empty(), vm.qpsTile().sourceProperty().get());
        assertEquals("Engine metrics: llama.cpp", vm.engineMessageProperty().get());
    }

    @Test
    void cacheHitRateTileShowsTheShareAndItsLookupsAndIsNotAvailableWithoutThem() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptMetrics(metrics(T0, 2, 0.1));
        assertEquals(TileViewModel.NOT_AVAILABLE, vm.cacheHitRateTile().valueProperty().get(), "cache off: n/a, not 0 %");
        vm.acceptMetrics(EngineMetrics.builder(T0.plusSeconds(1), new EngineFlavor("builtin"))
                .cacheHitRate(Optional.of(new CacheHitRate(0.625, 40))).source(Figure.CACHE_HIT_RATE, FigureSource.GATEWAY)
                .build());
        assertEquals("62.5", vm.cacheHitRateTile().valueProperty().get());
        assertEquals("%", vm.cacheHitRateTile().unit());
        assertEquals("of 40 lookups · via gateway", vm.cacheHitRateTile().noteProperty().get());
        assertEquals(Optional.of(FigureSource.GATEWAY), vm.cacheHitRateTile().sourceProperty().get());
        assertTrue(vm.tiles().contains(vm.cacheHitRateTile()));
        vm.metricsUnavailable("No engine running");
        assertEquals(TileViewModel.NOT_AVAILABLE, vm.cacheHitRateTile().valueProperty().get());
    }

    @Test
    void gpuSnapshotFillsCardsWithEngineShare() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptGpu(gpus(T0, 8, 40));
        assertEquals(8, vm.gpuCards().size());
        GpuCardViewModel card = vm.gpuCards().get(3);
        assertEquals("GPU 3 · Stand-in H100", card.titleProperty().get());
        assertEquals("40.0 / 80.0 GiB", card.memoryTextProperty().get());
        assertEquals(0.5, card.usedFractionProperty().get(), 1e-9);
        assertEquals(0.25, card.engineFractionProperty().get(), 1e-9, "only the pid that belongs to an engine");
        assertEquals("default 20.0 GiB", card.engineTextProperty().get());
        assertEquals("300 / 700 W", card.powerTextProperty().get());
        assertEquals(GpuCardViewModel.State.OK, card.stateProperty().get());
        assertEquals("320.0 / 640", vm.memoryTile().valueProperty().get());
        assertEquals(SloLevel.NEUTRAL, vm.memoryTile().levelProperty().get(), "no memory threshold is configured");
        assertEquals(SloLevel.OK, card.memoryLevelProperty().get());

        vm.acceptGpu(gpus(T0.plusSeconds(1), 2, 79));
        assertEquals(2, vm.gpuCards().size());
        assertEquals(SloLevel.NEUTRAL, vm.memoryTile().levelProperty().get());
        assertEquals(SloLevel.BREACH, vm.gpuCards().get(1).memoryLevelProperty().get(), "the card's bar shows a GPU nearly full");
    }

    @Test
    void lostAndNotAvailableGpus() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptGpu(GpuSnapshot.builder().at(T0).state(SourceState.ok("x"))
                .gpu(GpuReading.builder(0).name("A").lost(true).build())
                .gpu(GpuReading.builder(1).name("B").build()).build());
        assertEquals(GpuCardViewModel.State.LOST, vm.gpuCards().get(0).stateProperty().get());
        assertEquals(GpuCardViewModel.State.NOT_AVAILABLE, vm.gpuCards().get(1).stateProperty().get());
        assertEquals("n/a", vm.gpuCards().get(1).utilTextProperty().get());
        assertEquals(TileViewModel.NOT_AVAILABLE, vm.memoryTile().valueProperty().get());
    }

    @Test
    void nvmlNotAvailableIsAnExplainedEmptyState() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptGpu(gpus(T0, 2, 10));
        vm.acceptGpu(GpuSnapshot.withoutGpus(T0.plusSeconds(1),
                SourceState.unavailable("NVML not available: libnvidia-ml.so.1: cannot open shared object file")));
        assertFalse(vm.gpusAvailableProperty().get());
        assertTrue(vm.gpuCards().isEmpty());
        assertTrue(vm.gpuMessageProperty().get().startsWith("NVML not available"));
        assertEquals(TileViewModel.NOT_AVAILABLE, vm.memoryTile().valueProperty().get());
    }

    @Test
    void seriesStayBoundedOverMoreThanAnHour() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create(), 2, 1, DashboardViewModel.DEFAULT_SLO_P95);
        for (int s = 0; s < 2 * 3600; s++) {
            vm.acceptMetrics(metrics(T0.plusSeconds(s), s, 0.1));
            vm.acceptGpu(gpus(T0.plusSeconds(s), 8, 10));
            vm.acceptGpu(gpus(T0.plusMillis(s * 1000L + 500), 8, 10));
        }
        assertTrue(vm.heldPoints() <= vm.maxPoints());
        // 1 Hz metrics: raw ring = 1 x 300 s (+1), coarse = 360 ten-second buckets
        assertEquals(301 + 360, new TimeSeries(1).maxSize());
        assertEquals(601, new TimeSeries(2).rawCapacity(), "2 Hz x 300 s, +1 so the window's first point stays");
    }

    @Test
    void longWindowsDownsampleOlderPoints() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create(), 2, 1, DashboardViewModel.DEFAULT_SLO_P95);
        for (int s = 0; s <= 3600; s++) {
            vm.acceptMetrics(metrics(T0.plusSeconds(s), s, 0.1));
        }
        vm.windowProperty().set(ChartWindow.ONE_MINUTE);
        List<TimeSeries.Point> minute = vm.points(DashboardViewModel.QPS);
        assertEquals(61, minute.size(), "1 min at 1 Hz, both ends included, raw");
        assertEquals(3600.0, minute.getLast().value());

        vm.windowProperty().set(ChartWindow.FIVE_MINUTES);
        assertEquals(301, vm.points(DashboardViewModel.QPS).size());

        vm.windowProperty().set(ChartWindow.ONE_HOUR);
        List<TimeSeries.Point> hour = vm.points(DashboardViewModel.QPS);
        assertTrue(hour.size() < 500, "an hour is downsampled: " + hour.size());
        assertTrue(hour.size() > 350, "but covers the hour: " + hour.size());
        TimeSeries.Point first = hour.getFirst();
        assertEquals(4.5, first.value(), 1e-9, "the oldest bucket averages its ten samples 0..9");
        for (int i = 1; i < hour.size(); i++) {
            assertTrue(hour.get(i).atMillis() > hour.get(i - 1).atMillis(), "oldest first, no overlap");
        }
    }

    @Test
    void highRateSeriesAreDecimatedForCharts() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create(), 10, 1, DashboardViewModel.DEFAULT_SLO_P95);
        for (int i = 0; i < 3000; i++) {
            vm.acceptGpu(gpus(T0.plusMillis(i * 100L), 1, i % 2 == 0 ? 10 : 20));
        }
        List<TimeSeries.Point> points = vm.points(DashboardViewModel.gpuSeriesName(0));
        assertTrue(points.size() <= DashboardViewModel.MAX_CHART_POINTS, "drawn: " + points.size());
        assertTrue(points.size() > DashboardViewModel.MAX_CHART_POINTS / 2, "drawn: " + points.size());
        double v = points.get(10).value();
        assertTrue(v > 10 && v < 20, "runs are averaged, not sampled: " + v);
    }

    @Test
    void pauseFreezesChartsButKeepsRecording() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptMetrics(metrics(T0, 1, 0.1));
        long before = vm.chartRevisionProperty().get();
        vm.togglePaused();
        vm.acceptMetrics(metrics(T0.plusSeconds(1), 2, 0.1));
        assertEquals(before, vm.chartRevisionProperty().get());
        assertEquals(2, vm.points(DashboardViewModel.QPS).size());
        vm.togglePaused();
        assertTrue(vm.chartRevisionProperty().get() > before);
    }

    @Test
    void chartsRedrawAtMostTwicePerSecondOfSamplesWhateverTheSampleRate() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create(), 10.0, 1.0, DashboardViewModel.DEFAULT_SLO_P95);
        vm.acceptGpu(gpus(T0, 8, 10));
        long before = vm.chartRevisionProperty().get();
        for (int i = 1; i <= 20; i++) {          // 2 s of 10 Hz GPU samples
            vm.acceptGpu(gpus(T0.plusMillis(100L * i), 8, 10 + i % 3));
        }
        assertEquals(4, vm.chartRevisionProperty().get() - before, "one redraw per 500 ms of sample time");
        assertEquals(21, vm.points(DashboardViewModel.gpuSeriesName(0)).size(), "every sample is still recorded");
        vm.windowProperty().set(ChartWindow.ONE_MINUTE);
        assertEquals(5, vm.chartRevisionProperty().get() - before, "a window change redraws at once");
    }

    @Test
    void wallModeCyclesGpuPagesWhenMoreThanFit() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptGpu(gpus(T0, 8, 10));
        vm.toggleWallMode();
        assertTrue(vm.wallModeProperty().get());
        vm.acceptGpu(gpus(T0.plusSeconds(1), 8, 10));
        assertEquals(0, vm.wallPageProperty().get());
        vm.acceptGpu(gpus(T0.plusSeconds(9), 8, 10));
        assertEquals(1, vm.wallPageProperty().get());
        vm.acceptGpu(gpus(T0.plusSeconds(17), 8, 10));
        assertEquals(0, vm.wallPageProperty().get(), "two pages of four, wrapping");
        vm.toggleWallMode();
        assertFalse(vm.wallModeProperty().get());
    }

    @Test
    void csvHoldsTheCurrentWindow() {
        DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
        vm.acceptMetrics(metrics(T0, 2.5, 0.25));
        String csv = vm.csv();
        assertTrue(csv.startsWith("series,epoch_ms,value\n"));
        assertTrue(csv.contains("qps," + T0.toEpochMilli() + ",2.50000"), csv);
        assertTrue(csv.contains("e2e p95," + T0.toEpochMilli() + ",250.000"), csv);
    }
}
