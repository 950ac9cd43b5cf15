package io.inferdeck.views.dashboard;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Tiles, GPU cards and charts, shared by the page and the wall stage. Cards are made once per GPU and
 * kept; charts redraw (reusing their data points) when the view-model's chart revision changes.
 * Layout: 8 GPU cards in two rows of four fit 1920x1080 below the tiles; the charts' second row then lies below
 * the fold and the page scrolls (each chart keeps its minimum height and its key); in wall mode one page of {@link DashboardViewModel#WALL_GPUS_PER_PAGE} cards shows at a time.
 */
final class DashboardBody extends VBox {

    private final DashboardViewModel vm;
    private final boolean wall;
    private final GridPane gpuGrid = new GridPane();
    private final List<GpuCard> cards = new ArrayList<>();
    private final LiveChart memory = new LiveChart("GPU memory used (GiB)", "chart-gpu-memory");
    private final LiveChart qps = new LiveChart("Requests / s", "chart-qps");
    private final LiveChart latency = new LiveChart("E2E latency P50 / P95 / P99 (ms)", "chart-latency");
    private final LiveChart ttft = new LiveChart("Time to first token P95 (ms)", "chart-ttft");
    private final LiveChart tokens = new LiveChart("Tokens out / s", "chart-tokens");
    private final LiveChart queue = new LiveChart("Running / waiting", "chart-queue");
    private final LiveChart kv = new LiveChart("KV cache used (%)", "chart-kv");

    private static final String NOT_REPORTED = "not reported";

    DashboardBody(DashboardViewModel vm, boolean wall) {
        this.vm = vm;
        this.wall = wall;
        getStyleClass().add("dashboard-body");
        setSpacing(10);

        TileRow tiles = new TileRow(vm.tiles().stream().map(Tile::new).toList());

        gpuGrid.getStyleClass().add("dashboard-gpus");
        gpuGrid.setHgap(10);
        gpuGrid.setVgap(10);
        DashboardView.evenColumns(gpuGrid, DashboardView.GPU_COLUMNS);
        gpuGrid.visibleProperty().bind(vm.gpusAvailableProperty());
        gpuGrid.managedProperty().bind(gpuGrid.visibleProperty());   // no GPUs: the charts get the room

        GridPane charts = new GridPane();
        charts.getStyleClass().add("dashboard-charts");
        charts.setHgap(10);
        charts.setVgap(10);
        DashboardView.evenColumns(charts, 4);
        for (int row = 0; row < 2; row++) {   // rows share the height, each at least as high as its highest card (a key may wrap)
            javafx.scene.layout.RowConstraints grow = new javafx.scene.layout.RowConstraints();
            grow.setVgrow(Priority.ALWAYS);
            charts.getRowConstraints().add(grow);
        }
        charts.add(framed(qps, new ReadOnlyStringWrapper(NOT_REPORTED)), 0, 0);
        charts.add(framed(latency, new ReadOnlyStringWrapper(NOT_REPORTED)), 1, 0, 2, 1);
        charts.add(framed(ttft, new ReadOnlyStringWrapper(NOT_REPORTED)), 3, 0);
        charts.add(framed(tokens, new ReadOnlyStringWrapper(NOT_REPORTED)), 0, 1);
        charts.add(framed(queue, new ReadOnlyStringWrapper(NOT_REPORTED)), 1, 1);
        charts.add(framed(kv, new ReadOnlyStringWrapper(NOT_REPORTED)), 2, 1);
        StackPane memoryFrame = framed(memory, vm.gpusAvailableProperty().map(a -> a ? NOT_REPORTED : "No GPU readings"));
        Label noGpu = (Label) memoryFrame.getChildren().getLast();   // why there are no GPU cards, in full on hover
        noGpu.setId("dashboard-gpu-empty");
        Tooltip why = new Tooltip();
        why.textProperty().bind(vm.gpuMessageProperty());
        noGpu.setTooltip(why);
        noGpu.setMouseTransparent(false);
        charts.add(memoryFrame, 3, 1);
        VBox.setVgrow(charts, Priority.ALWAYS);
        latency.legend(true);
        queue.legend(true);
        getChildren().addAll(tiles, gpuGrid, charts);

        vm.gpuCards().addListener((ListChangeListener<GpuCardViewModel>) c -> syncCards());
        vm.wallPageProperty().subscribe(p -> layoutCards());
        vm.chartRevisionProperty().subscribe(r -> redraw());
        syncCards();
    }

    private void syncCards() {
        List<GpuCardViewModel> vms = vm.gpuCards();
        while (cards.size() > vms.size()) {
            cards.remove(cards.size() - 1);
        }
        for (int i = cards.size(); i < vms.size(); i++) {
            GpuCard card = new GpuCard(vms.get(i));
            card.setId("gpu-card-" + i);
            cards.add(card);
        }
        layoutCards();
    }

    private void layoutCards() {
        gpuGrid.getChildren().clear();
        int perPage = wall ? DashboardViewModel.WALL_GPUS_PER_PAGE : cards.size();
        int first = wall ? vm.wallPageProperty().get() * perPage : 0;
        for (int i = first; i < Math.min(cards.size(), first + perPage); i++) {
            int slot = i - first;
            gpuGrid.add(cards.get(i), slot % DashboardView.GPU_COLUMNS, slot / DashboardView.GPU_COLUMNS);
        }
    }

    /** Redraws every chart from the view-model; the series' Data objects are reused. */
    void redraw() {
        long now = vm.nowMillis();
        double span = vm.windowProperty().get().span().toSeconds();
        for (LiveChart c : List.of(memory, qps, latency, ttft, tokens, queue, kv)) {
            c.timeAxis(span);
        }
        List<String> gpuNames = vm.gpuSeriesNames();
        for (int i = 0; i < gpuNames.size(); i++) {   // "gpu 3" in the data, "GPU 3" in the key, as on the cards
            LiveChart.fill(memory.series(i, gpuNames.get(i).toUpperCase(java.util.Locale.ROOT)), vm.points(gpuNames.get(i)), now);
        }
        memory.legend(gpuNames.size() > 1 && !wall);
        LiveChart.fill(qps.series(0, "QPS"), vm.points(DashboardViewModel.QPS), now);
        LiveChart.fill(latency.series(0, "P50"), vm.points(DashboardViewModel.E2E_P50), now);
        LiveChart.fill(latency.series(1, "P95"), vm.points(DashboardViewModel.E2E_P95), now);
        LiveChart.fill(latency.series(2, "P99"), vm.points(DashboardViewModel.E2E_P99), now);
        long windowStart = now - (long) (span * 1000);
        vm.sloMillis().ifPresent(slo -> LiveChart.fill(latency.series(3, String.format(java.util.Locale.ROOT,
                "SLO P95 %.0f ms", slo)), List.of(new TimeSeries.Point(windowStart, slo), new TimeSeries.Point(now, slo)), now));
        LiveChart.fill(ttft.series(0, "TTFT P95"), vm.points(DashboardViewModel.TTFT_P95), now);
        LiveChart.fill(tokens.series(0, "tokens/s"), vm.points(DashboardViewModel.TOKENS_OUT), now);
        LiveChart.fill(queue.series(0, "running"), vm.points(DashboardViewModel.RUNNING), now);
        LiveChart.fill(queue.series(1, "waiting"), vm.points(DashboardViewModel.WAITING), now);
        LiveChart.fill(kv.series(0, "KV cache"), vm.points(DashboardViewModel.KV_CACHE), now);
        kv.capAt(100);
        for (LiveChart c : List.of(memory, qps, latency, ttft, tokens, queue, kv)) {
            c.refreshEmpty();
        }
    }

    /** A chart and its key in a card, with {@code why} over its bare axes while nothing reports its figure (the card's last child). */
    private static StackPane framed(LiveChart chart, ObservableValue<String> why) {
        Label none = new Label();
        none.textProperty().bind(why);
        none.getStyleClass().add("chart-empty");
        none.setMouseTransparent(true);
        none.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);   // a short note, centred
        none.visibleProperty().bind(chart.emptyProperty());
        VBox.setVgrow(chart, Priority.ALWAYS);
        StackPane frame = DashboardView.framed(new VBox(chart, new ChartKey(chart)));
        frame.getChildren().add(none);
        return frame;
    }

    /** Total data points currently in the charts (bench and tests: must stay bounded). */
    int chartPoints() {
        int n = 0;
        for (LiveChart c : List.of(memory, qps, latency, ttft, tokens, queue, kv)) {
            for (var s : c.getData()) {
                n += s.getData().size();
            }
        }
        return n;
    }
}
