package io.inferdeck.views.tuning;

import static io.inferdeck.views.tuning.Controls.button;

import io.inferdeck.tuning.history.RunComparison;
import io.inferdeck.tuning.history.RunRecord;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Past runs (newest first), two picked as A and B compared figure by figure, and export as CSV or JSON. */
final class HistoryPane extends VBox {

    HistoryPane(HistoryModel m) {
        getStyleClass().add("tuning-history");
        TableView<RunRecord> runs = new TableView<>(m.runs());
        runs.setId("history-table");
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        runs.getColumns().add(col("#", r -> Long.toString(r.id())));
        runs.getColumns().add(col("Kind", RunRecord::kind));
        TableColumn<RunRecord, String> label = col("Run", RunRecord::label);
        label.setPrefWidth(320);
        runs.getColumns().add(label);
        runs.getColumns().add(col("Status", r -> r.status().name().toLowerCase(java.util.Locale.ROOT)));
        runs.getColumns().add(col("Started", r -> r.startedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")));
        runs.getColumns().add(col("req/s", r -> SweepPane.num(r.figures().getOrDefault("requests_per_s", Double.NaN), "%.2f")));
        runs.getColumns().add(col("e2e P95 ms", r -> SweepPane.num(r.figures().getOrDefault("e2e_p95_ms", Double.NaN), "%.0f")));
        runs.setPrefHeight(240);

        ComboBox<RunRecord> a = picker("history-a", m.runs()), b = picker("history-b", m.runs());
        a.valueProperty().bindBidirectional(m.aProperty());
        b.valueProperty().bindBidirectional(m.bProperty());
        Button compare = button("Compare", "history-compare", m::compare);
        Button refresh = button("Refresh", "history-refresh", m::refresh);
        Button csv = button("Export CSV", "history-export-csv", () -> export(m, "runs.csv"));
        Button json = button("Export JSON", "history-export-json", () -> export(m, "runs.json"));
        HBox bar = new HBox(8, Controls.fixed("A"), a, Controls.fixed("B"), b, compare, refresh, csv, json);
        bar.getStyleClass().add("tuning-toolbar");

        TableView<RunComparison.Row> diff = new TableView<>();
        diff.setId("history-compare-table");
        diff.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        diff.getColumns().add(rowCol("Figure", RunComparison.Row::name));
        diff.getColumns().add(rowCol("A", r -> SweepPane.num(r.a(), "%.3f")));
        diff.getColumns().add(rowCol("B", r -> SweepPane.num(r.b(), "%.3f")));
        diff.getColumns().add(rowCol("B − A", r -> SweepPane.num(r.delta(), "%+.3f")));
        diff.getColumns().add(rowCol("B / A", r -> SweepPane.num(r.ratio(), "%.2f×")));
        Label settings = Controls.text("tuning-status");
        settings.setId("history-settings-diff");
        m.comparisonProperty().subscribe(c -> {
            diff.getItems().setAll(c == null ? java.util.List.of() : c.figures());
            settings.setText(c == null ? "" : c.settings().isEmpty() ? "Same settings." : "Settings that differ: "
                    + String.join(", ", c.settings().stream().map(s -> s.path() + " " + s.a() + " → " + s.b()).toList()));
        });
        VBox.setVgrow(diff, Priority.ALWAYS);
        getChildren().addAll(runs, bar, settings, diff);
    }

    private static ComboBox<RunRecord> picker(String id, javafx.collections.ObservableList<RunRecord> runs) {
        ComboBox<RunRecord> c = new ComboBox<>(runs);
        c.setId(id);
        c.setPrefWidth(260);
        c.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(RunRecord r) {
                return r == null ? "" : "#" + r.id() + " " + r.label();
            }

            @Override
            public RunRecord fromString(String s) {
                return null;
            }
        });
        return c;
    }

    private void export(HistoryModel m, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        java.io.File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            m.export(Path.of(f.getPath()));
        }
    }

    private static TableColumn<RunRecord, String> col(String title, Function<RunRecord, String> v) {
        TableColumn<RunRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(v.apply(d.getValue())));
        return c;
    }

    private static TableColumn<RunComparison.Row, String> rowCol(String title, Function<RunComparison.Row, String> v) {
        TableColumn<RunComparison.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(v.apply(d.getValue())));
        return c;
    }
}
