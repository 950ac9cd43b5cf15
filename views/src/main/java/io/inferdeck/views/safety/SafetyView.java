package io.inferdeck.views.safety;

import io.inferdeck.safety.report.CategoryStats;
import io.inferdeck.safety.suite.CaseResult;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Safety page: run a suite with progress, then headline tiles, per-category table and chart, and the cases. */
public final class SafetyView extends SectionPage {

    public SafetyView(SafetyViewModel vm) {
        super(Section.SAFETY.id(), Section.SAFETY.title(), "Prove the filters stop what they should and let the rest through.",
                body(vm));
    }

    private static VBox body(SafetyViewModel vm) {
        TextField suite = new TextField("starter");
        suite.setId("safety-suite");
        suite.setPromptText("starter, or a JSONL/CSV suite path");
        suite.getStyleClass().add("safety-suite");
        CheckBox endToEnd = new CheckBox("Through the engine");
        Button run = new Button("Run suite");
        run.setId("safety-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run(suite.getText().isBlank() ? "starter" : suite.getText().trim(), endToEnd.isSelected()));
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.getStyleClass().add("safety-progress");
        Label status = new Label();
        status.setId("safety-status");
        status.textProperty().bind(vm.statusProperty());
        HBox toolbar = new HBox(suite, endToEnd, run, cancel);
        toolbar.getStyleClass().add("safety-toolbar");
        HBox progressRow = new HBox(bar, status);
        progressRow.getStyleClass().add("safety-toolbar");

        HBox tiles = new HBox(tile("Recall", vm.recallProperty(), "safety-recall"), tile("Precision", vm.precisionProperty(), null),
                tile("F1", vm.f1Property(), null), tile("Benign false positives", vm.benignFprProperty(), null));
        tiles.getStyleClass().add("safety-tiles");

        TableView<CategoryStats> categories = new TableView<>(vm.categories());
        categories.getColumns().add(column("Category", c -> c.category()));
        categories.getColumns().add(column("Cases", c -> Integer.toString(c.count())));
        categories.getColumns().add(column("Stopped", c -> Integer.toString(c.blocked())));
        categories.getColumns().add(column("Allowed", c -> Integer.toString(c.allowed())));
        categories.getColumns().add(column("Precision", c -> SafetyViewModel.percent(c.precision())));
        categories.getColumns().add(column("Recall", c -> SafetyViewModel.percent(c.recall())));
        categories.getColumns().add(column("F1", c -> SafetyViewModel.percent(c.f1())));
        categories.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis(0, 100, 25));
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setTitle("Recall by category (%)");
        chart.getStyleClass().add("safety-chart");
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        chart.getData().add(series);
        vm.categories().addListener((ListChangeListener<CategoryStats>) ch -> series.getData().setAll(vm.categories().stream()
                .filter(c -> c.recall() != null).map(c -> new XYChart.Data<String, Number>(c.category(), c.recall() * 100)).toList()));
        HBox stats = new HBox(categories, chart);
        stats.getStyleClass().add("safety-stats");
        HBox.setHgrow(categories, Priority.ALWAYS);

        ChoiceBox<SafetyViewModel.CaseFilter> filter = new ChoiceBox<>();
        filter.getItems().setAll(SafetyViewModel.CaseFilter.values());
        filter.setValue(SafetyViewModel.CaseFilter.ALL);
        filter.valueProperty().subscribe(vm::filterCases);
        TableView<CaseResult> cases = new TableView<>(vm.cases());
        cases.setId("safety-cases");
        cases.getColumns().add(column("Line", c -> Integer.toString(c.line())));
        cases.getColumns().add(column("Category", CaseResult::category));
        cases.getColumns().add(column("Expected", c -> c.expected().name().toLowerCase()));
        cases.getColumns().add(column("Actual", c -> c.actual() == null ? "error" : c.actual().name().toLowerCase()));
        cases.getColumns().add(column("Stage", c -> c.stage() == null ? "" : c.stage()));
        cases.getColumns().add(column("Reason", c -> c.reason() == null ? (c.error() == null ? "" : c.error()) : c.reason()));
        cases.getColumns().add(column("Prompt (masked)", c -> c.safePrompt() == null ? "" : c.safePrompt()));
        cases.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(cases, Priority.ALWAYS);
        Label casesCaption = new Label("Cases");
        casesCaption.getStyleClass().add("safety-caption");
        HBox caseBar = new HBox(casesCaption, filter);
        caseBar.getStyleClass().add("safety-toolbar");

        VBox box = new VBox(toolbar, progressRow, tiles, stats, caseBar, cases);
        box.getStyleClass().addAll("card", "safety-card");
        return box;
    }

    private static VBox tile(String title, ReadOnlyStringProperty value, String id) {
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add("safety-tile-value");
        if (id != null) {
            v.setId(id);
        }
        Label t = new Label(title);
        t.getStyleClass().add("safety-tile-title");
        VBox box = new VBox(v, t);
        box.getStyleClass().add("safety-tile");
        return box;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }
}
