package io.inferdeck.views.safety;

import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.services.safety.StoredRun;
import io.inferdeck.services.safety.SuiteSource;
import io.inferdeck.views.common.Fit;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.io.File;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Side;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Safety section: toolbar (suite, mode, run/cancel, progress), summary tiles, and tabs for the
 * per-category overview, the cases with drill-down, run history with diff, the review queue, and the
 * classifier thresholds (operating-point picker).
 * Binds to {@link SafetyViewModel}; holds no state of its own. Styling: components/safety.css.
 */
public final class SafetyView extends SectionPage {

    private static final PseudoClass UNAVAILABLE = PseudoClass.getPseudoClass("unavailable");

    public SafetyView(SafetyViewModel vm) {
        super(Section.SAFETY.id(), Section.SAFETY.title(),
                "Run safety-filter test suites: what was blocked, masked or let through, and why.", body(vm));
        vm.refresh();
    }

    private static VBox body(SafetyViewModel vm) {
        TabPane tabs = new TabPane(
                tab("Overview", overview(vm)),
                tab("Cases", new SafetyCasesPane(vm.cases())),
                tab("History", history(vm)),
                tab("Review queue", new SafetyReviewPane(vm.review())),
                tab("Thresholds", new SafetyThresholdPane(vm.thresholds(), vm.runningProperty())));
        tabs.setId("safety-tabs");
        tabs.getStyleClass().add("safety-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox box = new VBox(toolbar(vm), tiles(vm), tabs);
        box.getStyleClass().add("safety-body");
        return box;
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private static HBox toolbar(SafetyViewModel vm) {
        ComboBox<SuiteSource> suite = new ComboBox<>(vm.suites());
        suite.setId("safety-suite");
        suite.valueProperty().bindBidirectional(vm.selectedSuiteProperty());
        Button open = new Button("Open…");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Suites", "*.jsonl", "*.csv"));
            File f = chooser.showOpenDialog(open.getScene().getWindow());
            if (f != null) {
                vm.addSuiteFile(f.toPath());
            }
        });
        ComboBox<SafetyViewModel.RunMode> mode = new ComboBox<>();
        mode.getItems().setAll(SafetyViewModel.RunMode.values());
        mode.setId("safety-mode");
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        mode.disableProperty().bind(vm.engineAvailableProperty().not().or(vm.runningProperty()));
        Button run = new Button("Run");
        run.setId("safety-run");
        run.getStyleClass().add("accent");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.runningProperty().or(vm.selectedSuiteProperty().isNull()));
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("safety-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("safety-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty().or(vm.reportProperty().isNotNull()));
        Label status = new Label();
        status.setId("safety-status");
        status.getStyleClass().add("safety-status");
        status.textProperty().bind(vm.statusProperty());
        Button exportJson = exportButton(vm, "Export JSON", "report.json");
        Button exportHtml = exportButton(vm, "Export HTML", "report.html");
        // the suite's name and the status give way first (full text in their tooltips); buttons and modes keep their labels
        suite.setMinWidth(140);
        suite.tooltipProperty().bind(suite.valueProperty().map(v -> new javafx.scene.control.Tooltip(
                v.name() + (v.path() == null ? "" : "\n" + v.path()))));
        Fit.shrinkWithTooltip(status);
        progress.setMinWidth(60);
        for (Region keep : java.util.List.of(open, mode, run, cancel, exportJson, exportHtml)) {
            Fit.keepWidth(keep);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(suite, open, mode, run, cancel, progress, status, grow, exportJson, exportHtml);
        bar.getStyleClass().add("safety-toolbar");
        return bar;
    }

    private static Button exportButton(SafetyViewModel vm, String text, String initialName) {
        Button b = new Button(text);
        b.disableProperty().bind(vm.reportProperty().isNull());
        b.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(initialName);
            File f = chooser.showSaveDialog(b.getScene().getWindow());
            if (f != null) {
                vm.export(f.toPath());
            }
        });
        return b;
    }

    private static HBox tiles(SafetyViewModel vm) {
        Label recall = tileValue("safety-recall");
        Label precision = tileValue("safety-precision");
        Label f1 = tileValue("safety-f1");
        Label fpr = tileValue("safety-fpr");
        Label cases = tileValue("safety-case-count");
        vm.reportProperty().addListener((o, a, r) -> {
            set(recall, r == null ? null : r.overall().recall());
            set(precision, r == null ? null : r.overall().precision());
            set(f1, r == null ? null : r.overall().f1());
            set(fpr, r == null ? null : r.benignFalsePositiveRate());
            cases.setText(r == null ? "n/a" : casesText(r));
            cases.pseudoClassStateChanged(UNAVAILABLE, r == null);
        });
        HBox row = new HBox(tile("Recall (harmful stopped)", recall), tile("Precision", precision), tile("F1", f1),
                tile("Benign false-positive rate", fpr), tile("Cases", cases));
        row.getStyleClass().add("safety-tiles");
        return row;
    }

    private static String casesText(SuiteReport r) {
        return r.cases().size() + (r.failed() > 0 ? " · " + r.failed() + " wrong" : "")
                + (r.errors() > 0 ? " · " + r.errors() + " errors" : "");
    }

    private static Label tileValue(String id) {
        Label l = new Label("n/a");
        l.setId(id);
        l.getStyleClass().add("tile-value");
        l.pseudoClassStateChanged(UNAVAILABLE, true);
        return l;
    }

    private static VBox tile(String title, Label value) {
        Label label = new Label(title);
        label.getStyleClass().add("tile-label");
        VBox tile = new VBox(label, value);
        tile.getStyleClass().addAll("card", "tile", "safety-tile");
        HBox.setHgrow(tile, Priority.ALWAYS);
        return tile;
    }

    private static void set(Label l, Double v) {
        l.setText(Format.ratio(v));
        l.pseudoClassStateChanged(UNAVAILABLE, v == null);
    }

    private static SplitPane overview(SafetyViewModel vm) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis(0, 1, 0.25);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId("safety-chart");
        chart.setAnimated(false);
        chart.setLegendSide(Side.BOTTOM);
        chart.setTitle("Recall and precision per category");
        x.setAnimated(false);
        x.setAutoRanging(false);    // categories in table order, set per report below
        y.setAnimated(false);
        // One bar per category and measure, so the chart is bounded by the suite's category count; the
        // series are rebuilt per report (a CategoryAxis does not reliably drop categories of reused data).
        vm.categories().addListener((ListChangeListener<io.inferdeck.safety.report.CategoryStats>) c -> {
            XYChart.Series<String, Number> recall = new XYChart.Series<>();
            recall.setName("recall");
            XYChart.Series<String, Number> precision = new XYChart.Series<>();
            precision.setName("precision");
            java.util.List<String> names = new java.util.ArrayList<>();
            for (var s : vm.categories()) {
                names.add(s.category());
                // An undefined ratio gets no bar at all (n/a in the table), never a zero bar.
                if (s.recall() != null) {
                    recall.getData().add(new XYChart.Data<>(s.category(), s.recall()));
                }
                if (s.precision() != null) {
                    precision.getData().add(new XYChart.Data<>(s.category(), s.precision()));
                }
            }
            chart.getData().clear();
            x.getCategories().setAll(names);
            chart.getData().setAll(java.util.List.of(recall, precision));
        });
        SplitPane split = new SplitPane(new SafetyCategoryTable(vm.categories()), chart);
        split.setDividerPositions(0.6);   // the table's columns at their header widths fit beside the chart at 1280 px
        split.getStyleClass().add("safety-overview");
        return split;
    }

    private static SplitPane history(SafetyViewModel vm) {
        ListView<StoredRun> list = new ListView<>(vm.history());
        list.setId("safety-history");
        list.setPlaceholder(new Label("No stored runs of this suite yet."));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.compareWith(b));
        TextArea diff = new TextArea();
        diff.setId("safety-diff");
        diff.setEditable(false);
        diff.getStyleClass().add("safety-mono");
        diff.textProperty().bind(vm.diffTextProperty());
        Label hint = new Label("Runs are stored under the data directory; pick one to diff against the shown run.");
        hint.getStyleClass().add("safety-hint");
        VBox right = new VBox(hint, diff);
        VBox.setVgrow(diff, Priority.ALWAYS);
        right.getStyleClass().add("safety-pane");
        SplitPane split = new SplitPane(list, right);
        split.setDividerPositions(0.3);
        return split;
    }
}
