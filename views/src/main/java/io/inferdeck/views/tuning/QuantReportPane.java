package io.inferdeck.views.tuning;

import static io.inferdeck.views.tuning.Controls.button;

import io.inferdeck.services.tuning.Variant;
import io.inferdeck.tuning.quality.QuantReportRow;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The Quantization tab: run the report, its table, what each variant buys (tok/s) and costs (KL), export. */
final class QuantReportPane extends VBox {

    QuantReportPane(QuantReportModel m, TuningViewModel vm) {
        getStyleClass().add("tuning-report");
        Button run = button("Run report", "report-run", () -> m.run(vm.variants()));
        run.disableProperty().bind(m.runningProperty());
        run.getStyleClass().add("accent");
        Button export = button("Export…", "report-export", () -> export(m));
        export.disableProperty().bind(m.resultProperty().isNull().or(m.runningProperty()));
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(m.progressProperty());
        progress.visibleProperty().bind(m.runningProperty());
        Label status = Controls.text("tuning-status");
        status.setId("report-status");
        status.textProperty().bind(m.statusProperty());
        status.setWrapText(true);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bar = new HBox(8, run, export, progress, status);
        bar.getStyleClass().add("tuning-toolbar");

        TableView<QuantReportRow> table = new TableView<>(m.rows());
        table.setId("report-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                col("Variant", r -> r.variant() + (r.reference() ? " (reference)" : "")),
                col("File MB", r -> SweepPane.num(r.fileMegabytes(), "%.1f")),
                col("Decode tok/s", r -> SweepPane.num(r.decodeTokensPerSecond(), "%.1f")),
                col("TTFT P50 ms", r -> SweepPane.num(r.ttftP50Ms(), "%.0f")),
                col("Mean KL (nats)", r -> SweepPane.num(r.meanKl(), "%.3g")),
                col("Perplexity", r -> SweepPane.num(r.perplexity(), "%.1f")),
                col("Δ ppl %", r -> SweepPane.num(r.deltaPerplexityPercent(), "%+.2f")),
                col("Notes", r -> r.notes() == null ? "" : r.notes())));
        table.setPrefHeight(230);

        BarChart<String, Number> speed = chart("Decode tokens/s (engine)", "report-chart-speed");
        BarChart<String, Number> loss = chart("Mean KL vs reference (nats)", "report-chart-kl");
        m.rows().subscribe(() -> {
            fill(speed, m.rows(), QuantReportRow::decodeTokensPerSecond);
            fill(loss, m.rows(), QuantReportRow::meanKl);
        });
        HBox charts = new HBox(12, speed, loss);
        HBox.setHgrow(speed, Priority.ALWAYS);
        HBox.setHgrow(loss, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        getChildren().addAll(bar, table, charts);
    }

    private static BarChart<String, Number> chart(String title, String id) {
        BarChart<String, Number> c = new BarChart<>(new CategoryAxis(), new NumberAxis());
        c.setId(id);
        c.setTitle(title);
        c.setAnimated(false);
        c.setLegendVisible(false);
        c.getStyleClass().add("deck-chart");
        c.setMinHeight(180);
        return c;
    }

    /** One bar per measured variant (a handful: rebuilt on each new report). */
    private static void fill(BarChart<String, Number> chart, List<QuantReportRow> rows, ToDoubleFunction<QuantReportRow> value) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        rows.stream().filter(r -> Double.isFinite(value.applyAsDouble(r)))
                .forEach(r -> s.getData().add(new XYChart.Data<>(r.variant(), value.applyAsDouble(r))));
        chart.getData().setAll(List.of(s));
    }

    private void export(QuantReportModel m) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("quant-report.json");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"), new FileChooser.ExtensionFilter("Markdown", "*.md"));
        java.io.File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            m.export(Path.of(f.getPath()));
        }
    }

    private static TableColumn<QuantReportRow, String> col(String title, Function<QuantReportRow, String> v) {
        TableColumn<QuantReportRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(v.apply(d.getValue())));
        return c;
    }
}
