package io.inferdeck.views.tuning;

import static io.inferdeck.views.tuning.Controls.button;
import static io.inferdeck.views.tuning.Controls.field;

import io.inferdeck.services.tuning.BenchSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The sweep: grid fields, Run/Stop, progress "point k of n", the results table and a throughput vs P99
 * chart (one series per quant level plus the recommended point), the recommendation and "Apply recommended".
 * The chart holds one node per measured point (a sweep is a few dozen points at most) and is rebuilt
 * from the rows when they change; animation off.
 */
final class SweepPane extends VBox {
    private final ScatterChart<Number, Number> chart;
    private final NumberAxis x;
    private final NumberAxis y;

    SweepPane(TuningViewModel vm) {
        SweepModel m = vm.sweep();
        getStyleClass().add("tuning-sweep");
        Button run = button("Run sweep", "sweep-run", vm::runSweep);
        run.disableProperty().bind(m.runningProperty());
        Button stop = button("Stop", "sweep-stop", m::stop);
        stop.disableProperty().bind(m.runningProperty().not());
        HBox grid = new HBox(8, Controls.fixed("Quant levels"), field("sweep-quants", m.quantsProperty(), 10),
                Controls.fixed("Batch"), field("sweep-batches", m.batchesProperty(), 8), Controls.fixed("Parallel"),
                field("sweep-parallels", m.parallelsProperty(), 6), Controls.fixed("Seconds per point"),
                field("sweep-seconds", m.secondsProperty(), 3), run, stop);
        grid.getStyleClass().add("tuning-toolbar");
        javafx.scene.control.ChoiceBox<BenchSettings.Prompts> prompts =
                new javafx.scene.control.ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(BenchSettings.Prompts.values()));
        prompts.setId("sweep-prompts");
        prompts.setMinWidth(140);   // "chat + documents" readable; the row must still fit 1280 px
        prompts.valueProperty().bindBidirectional(m.promptsProperty());
        HBox load = new HBox(8, Controls.fixed("Prompts"), prompts, Controls.fixed("Streams"), field("sweep-streams", m.streamsProperty(), 3),
                Controls.fixed("SLO: P95 end-to-end ≤"), field("sweep-slo-e2e", m.sloE2eMsProperty(), 5), Controls.fixed("ms, P95 TTFT ≤"),
                field("sweep-slo-ttft", m.sloTtftMsProperty(), 5), Controls.fixed("ms, ≤ 1% failed"));
        load.getStyleClass().add("tuning-toolbar");

        ProgressBar progress = new ProgressBar();
        progress.setId("sweep-progress");
        progress.progressProperty().bind(m.progressProperty());
        Label status = Controls.text("tuning-status");
        status.setId("sweep-status");
        status.textProperty().bind(m.statusProperty());
        HBox progressRow = new HBox(8, progress, status);
        progressRow.getStyleClass().add("tuning-toolbar");

        TableView<SweepRow> table = new TableView<>(m.rows());
        table.setId("sweep-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(narrow(col("Quant", SweepRow::quant)));
        table.getColumns().add(narrow(col("Batch", r -> Integer.toString(r.batch()))));
        table.getColumns().add(narrow(col("Parallel", r -> Integer.toString(r.parallel()))));
        table.getColumns().add(col("req/s", r -> num(r.requestsPerSecond(), "%.2f")));
        table.getColumns().add(col("tok/s", r -> num(r.tokensPerSecond(), "%.1f")));
        table.getColumns().add(col("tok/J", r -> num(r.tokensPerJoule(), "%.2f")));   // – without a GPU energy counter
        table.getColumns().add(col("P95 ms", r -> num(r.p95Ms(), "%.0f")));
        table.getColumns().add(col("P99 ms", r -> num(r.p99Ms(), "%.0f")));
        table.getColumns().add(col("TTFT95", r -> num(r.ttftP95Ms(), "%.0f")));
        table.getColumns().add(col("Failed", r -> num(r.failureRate() * 100, "%.1f%%")));
        TableColumn<SweepRow, String> slo = col("SLO", r -> r.recommended() ? r.slo() + " · recommended" : r.slo());
        slo.setMinWidth(190);
        table.getColumns().add(slo);
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(SweepRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("recommended"), !empty && row != null && row.recommended());
            }
        });
        table.setPrefHeight(222);   // header + 6 compact rows (tuning.css), the default grid
        table.setMinHeight(150);

        x = new NumberAxis();
        x.setLabel("P99 end-to-end latency (ms)");
        x.setForceZeroInRange(false);
        y = new NumberAxis();
        // no rotated axis label: with manual ranges it overlaps the relabelled ticks; the title names the axis
        y.setMinWidth(48);
        chart = new ScatterChart<>(x, y);
        chart.setId("sweep-chart");
        chart.setAnimated(false);
        chart.setTitle("Throughput (req/s) against P99 latency, per quant level");
        chart.getStyleClass().addAll("deck-chart", "tuning-sweep-chart");
        chart.setPrefHeight(260);
        chart.setMinHeight(200);
        m.rows().addListener((ListChangeListener<SweepRow>) c -> redraw(m));

        Label rec = Controls.text("tuning-recommendation");
        rec.setId("sweep-recommendation");
        rec.textProperty().bind(m.recommendationProperty());
        Button applyRec = button("Apply recommended", "sweep-apply-recommended", vm::applyRecommended);
        applyRec.disableProperty().bind(m.recommendedProperty().isNull());
        HBox recRow = new HBox(8, rec, applyRec);
        recRow.getStyleClass().add("tuning-toolbar");
        HBox.setHgrow(rec, Priority.ALWAYS);

        // table over chart: the table needs the full width for its columns, the chart the remaining height
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().addAll(grid, load, progressRow, table, recRow, chart);
    }

    private void redraw(SweepModel m) {
        Map<String, XYChart.Series<Number, Number>> byQuant = new LinkedHashMap<>();
        XYChart.Series<Number, Number> best = new XYChart.Series<>();
        best.setName("recommended");
        for (SweepRow r : m.rows()) {
            if (Double.isNaN(r.p99Ms())) continue;
            byQuant.computeIfAbsent(r.quant(), q -> {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(q);
                return s;
            }).getData().add(new XYChart.Data<>(r.p99Ms(), r.requestsPerSecond()));
            if (r.recommended()) best.getData().add(new XYChart.Data<>(r.p99Ms(), r.requestsPerSecond()));
        }
        range(m);
        chart.getData().setAll(byQuant.values());
        if (!best.getData().isEmpty()) {
            chart.getData().add(best);
            best.getData().forEach(d -> {
                if (d.getNode() != null) d.getNode().getStyleClass().add("tuning-recommended-point");
            });
        }
    }

    /** Axes padded around the points so no marker sits on the plot's edge (auto-ranging ends at the extreme point). */
    private void range(SweepModel m) {
        double minX = m.rows().stream().mapToDouble(SweepRow::p99Ms).filter(v -> !Double.isNaN(v)).min().orElse(0);
        double maxX = m.rows().stream().mapToDouble(SweepRow::p99Ms).filter(v -> !Double.isNaN(v)).max().orElse(1);
        double maxY = m.rows().stream().mapToDouble(SweepRow::requestsPerSecond).filter(v -> !Double.isNaN(v)).max().orElse(1);
        double padX = Math.max((maxX - minX) * 0.08, Math.max(1, maxX * 0.02));
        double tickX = nice((maxX - minX + 2 * padX) / 8);
        x.setAutoRanging(false);
        x.setTickUnit(tickX);
        x.setLowerBound(Math.max(0, Math.floor((minX - padX) / tickX) * tickX));
        x.setUpperBound(Math.ceil((maxX + padX) / tickX) * tickX);
        double tickY = nice(Math.max(maxY, 1e-3) * 1.15 / 5);
        y.setAutoRanging(false);
        y.setTickUnit(tickY);
        y.setLowerBound(0);
        y.setUpperBound(Math.ceil(Math.max(maxY, 1e-3) * 1.15 / tickY) * tickY);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double nice(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        return raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
    }

    private static TableColumn<SweepRow, String> narrow(TableColumn<SweepRow, String> c) {
        c.setPrefWidth(72);
        return c;
    }

    private static TableColumn<SweepRow, String> col(String title, Function<SweepRow, String> value) {
        TableColumn<SweepRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    static String num(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }
}
