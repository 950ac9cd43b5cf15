package io.inferdeck.views.tuning;

import static io.inferdeck.views.tuning.Controls.button;

import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Tuning section: profile editor with memory fit and Apply, sweeps, the quantization report and the run history, as tabs. */
public final class TuningView extends SectionPage {

    public TuningView(TuningViewModel vm) {
        super(Section.TUNING.id(), Section.TUNING.title(), "Measure what each setting costs and what it buys.", body(vm));
        vm.refresh();
    }

    private static TabPane body(TuningViewModel vm) {
        Tab profile = new Tab("Profile", profile(vm));
        profile.setId("tuning-tab-profile");
        Tab sweep = new Tab("Sweep", new SweepPane(vm));
        sweep.setId("tuning-tab-sweep");
        Tab report = new Tab("Quantization", new QuantReportPane(vm.report(), vm));
        report.setId("tuning-tab-report");
        Tab history = new Tab("History", new HistoryPane(vm.history()));
        history.setId("tuning-tab-history");
        TabPane tabs = new TabPane(profile, sweep, report, history);
        tabs.setId("tuning-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().subscribe(t -> {
            if (t == history) vm.history().refresh();
        });
        tabs.getStyleClass().add("tuning-tabs");
        return tabs;
    }

    private static ScrollPane profile(TuningViewModel vm) {
        VBox editor = new VBox(Controls.caption("Deployment profile"), new ProfileEditor(vm));
        editor.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        editor.getStyleClass().addAll("card", "tuning-card");

        Button apply = button("Apply", "tuning-apply", vm::apply);
        Button measure = button("Apply & measure", "tuning-apply-measure", vm::applyAndMeasure);
        measure.disableProperty().bind(vm.measure().runningProperty());
        Button save = button("Save profile", "tuning-save", vm::save);
        apply.disableProperty().bind(vm.form().profileProperty().isNull());
        save.disableProperty().bind(vm.form().profileProperty().isNull());
        apply.getStyleClass().add("accent");
        HBox actions = new HBox(8, apply, measure, save);
        actions.getStyleClass().add("tuning-toolbar");
        Label message = Controls.text("tuning-status");
        message.setId("tuning-message");
        message.textProperty().bind(vm.messageProperty());
        Label diff = Controls.text("tuning-diff");
        diff.setId("tuning-diff");
        diff.textProperty().bind(vm.diffProperty());
        Label measureStatus = Controls.text("tuning-status");
        measureStatus.setId("tuning-measure-status");
        measureStatus.textProperty().bind(vm.measure().statusProperty());
        Label figures = Controls.text("tuning-figures");
        figures.setId("tuning-measure-figures");
        vm.measure().resultProperty().subscribe(r -> figures.setText(r == null ? "" : MeasureModel.figures(r)));

        Button fitGpus = button("Fit to GPUs", "tuning-fit-gpus", vm::fitToGpus);
        fitGpus.disableProperty().bind(vm.fit().fitProperty().map(f -> f == MemoryFitModel.Fit.UNKNOWN || f == MemoryFitModel.Fit.CPU_ONLY));
        VBox side = new VBox(12, card(new VBox(8, new FitBar(vm.fit()), fitGpus)), card(new VBox(8, Controls.caption("Apply"), actions, message,
                diff, measureStatus, figures)));
        HBox.setHgrow(side, Priority.ALWAYS);
        side.setMinWidth(300);
        HBox row = new HBox(12, editor, side);
        row.getStyleClass().add("tuning-profile");
        ScrollPane scroll = new ScrollPane(row);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("tuning-scroll");
        return scroll;
    }

    private static VBox card(javafx.scene.Node content) {
        VBox box = new VBox(content);
        box.getStyleClass().addAll("card", "tuning-card");
        return box;
    }
}
