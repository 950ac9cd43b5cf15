package io.inferdeck.views.safety;

import io.inferdeck.safety.classifier.ThresholdCurves;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Thresholds tab: pick a category, move its block threshold along the head's calibration curves and see the
 * precision, recall and benign false-positive rate expected per language (at the pick and in force) before saving.
 * Scrolls as a whole, so it fits small windows. Binds to {@link ThresholdModel}; holds no state of its own.
 */
final class SafetyThresholdPane extends ScrollPane {

    SafetyThresholdPane(ThresholdModel model, ObservableBooleanValue running) {
        ComboBox<String> category = new ComboBox<>(model.categories());
        category.setId("safety-threshold-category");
        category.valueProperty().bindBidirectional(model.categoryProperty());
        Slider slider = new Slider(0.02, 0.98, 0.5);
        slider.setId("safety-threshold-slider");
        slider.setMajorTickUnit(0.1);
        slider.setMinorTickCount(4);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(0.02);
        slider.valueProperty().bindBidirectional(model.thresholdProperty());
        Label picked = new Label();
        picked.setId("safety-threshold-picked");
        picked.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "pick %.2f · in force %.2f",
                model.thresholdProperty().get(), model.inForceProperty().get()), model.thresholdProperty(), model.inForceProperty()));
        Button save = new Button("Save threshold");
        save.setId("safety-threshold-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> model.save());
        save.disableProperty().bind(Bindings.createBooleanBinding(() -> running.get() || model.categoryProperty().get() == null
                        || Math.abs(model.thresholdProperty().get() - model.inForceProperty().get()) < 1e-9,
                running, model.categoryProperty(), model.thresholdProperty(), model.inForceProperty()));
        Button reload = new Button("Reload");
        reload.setOnAction(e -> model.refresh());
        HBox controls = new HBox(category, slider, picked, save, reload);
        controls.getStyleClass().add("safety-filters");

        Label summary = new Label();
        summary.setId("safety-threshold-summary");
        summary.getStyleClass().add("safety-hint");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        VBox box = new VBox(controls, expectedTable(model), chart(model), summary);
        box.getStyleClass().add("safety-pane");
        setContent(box);
        setFitToWidth(true);
        getStyleClass().add("safety-threshold-scroll");
    }

    private static TableView<ThresholdModel.Expected> expectedTable(ThresholdModel model) {
        TableView<ThresholdModel.Expected> table = new TableView<>(model.expected());
        table.setId("safety-threshold-expected");
        table.getStyleClass().add("safety-threshold-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("The head in force carries no calibration curves (retrain it with safety train)."));
        table.getColumns().add(col("Language", ThresholdModel.Expected::lang));
        table.getColumns().add(col("Precision (pick)", e -> pct(e.picked().precision())));
        table.getColumns().add(col("Recall (pick)", e -> pct(e.picked().recall())));
        table.getColumns().add(col("Benign FPR (pick)", e -> pct(e.picked().benignFpr())));
        table.getColumns().add(col("Precision (in force)", e -> pct(e.inForce().precision())));
        table.getColumns().add(col("Recall (in force)", e -> pct(e.inForce().recall())));
        table.getColumns().add(col("Benign FPR (in force)", e -> pct(e.inForce().benignFpr())));
        return table;
    }

    /** Precision over recall, one series per language, redrawn when the category or the curves change. */
    private static LineChart<Number, Number> chart(ThresholdModel model) {
        NumberAxis x = new NumberAxis(0, 1, 0.1);
        x.setLabel("recall");
        NumberAxis y = new NumberAxis(0, 1, 0.1);
        y.setLabel("precision");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("safety-threshold-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getStyleClass().add("safety-threshold-chart");
        Runnable redraw = () -> {
            chart.getData().clear();
            ThresholdCurves c = model.curvesProperty().get();
            String cat = model.categoryProperty().get();
            if (c == null || cat == null) {
                return;
            }
            for (String lang : c.languages(cat)) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(lang);
                c.curve(cat, lang).forEach(p -> s.getData().add(new XYChart.Data<>(p.recall(), p.precision())));
                chart.getData().add(s);
            }
        };
        model.curvesProperty().addListener((o, a, b) -> redraw.run());
        model.categoryProperty().addListener((o, a, b) -> redraw.run());
        return chart;
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * f);
    }

    private static TableColumn<ThresholdModel.Expected, String> col(String title, Function<ThresholdModel.Expected, String> f) {
        TableColumn<ThresholdModel.Expected, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        return c;
    }
}
