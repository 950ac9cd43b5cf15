package io.inferdeck.views.playground;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * Sampling controls. Spinners hold values inside the API's ranges (so invalid values cannot be typed in);
 * the view-model still re-validates the whole request before sending.
 */
final class SamplingPanel extends VBox {

    SamplingPanel(SamplingForm form) {
        getStyleClass().addAll("card", "sampling-panel");
        Label title = new Label("Sampling");
        title.getStyleClass().add("panel-title");
        // the preset names only, the temperature in the tooltip; a narrow panel wraps them rather than cut them
        FlowPane presets = new FlowPane(preset("Precise", SamplingForm.PRECISE, form), preset("Balanced", SamplingForm.BALANCED, form),
                preset("Creative", SamplingForm.CREATIVE, form));
        presets.getStyleClass().add("presets");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("sampling-grid");
        int row = 0;
        grid.addRow(row++, label("Temperature"), decimal("temperature", form.temperatureProperty(), 0, 2, 0.05));
        grid.addRow(row++, label("Top-p"), decimal("top-p", form.topPProperty(), 0, 1, 0.05));
        grid.addRow(row++, label("Top-k"), integer("top-k", form.topKProperty(), 0, 1000));
        grid.addRow(row++, label("Max tokens"), integer("max-tokens", form.maxTokensProperty(), 1, 32768));
        TextField seed = new TextField();
        seed.setId("sampling-seed");
        seed.setPromptText("random");
        seed.textProperty().bindBidirectional(form.seedProperty());
        grid.addRow(row++, label("Seed"), seed);
        TextField stop = new TextField();
        stop.setId("sampling-stop");
        stop.setPromptText("comma-separated, up to 4");
        stop.textProperty().bindBidirectional(form.stopProperty());
        grid.addRow(row++, label("Stop"), stop);
        grid.addRow(row++, label("Presence penalty"), decimal("presence", form.presencePenaltyProperty(), -2, 2, 0.1));
        grid.addRow(row, label("Frequency penalty"), decimal("frequency", form.frequencyPenaltyProperty(), -2, 2, 0.1));
        getChildren().addAll(title, presets, grid);
    }

    private static Button preset(String name, double t, SamplingForm form) {
        Button b = io.inferdeck.views.common.Fit.keepWidth(new Button(name));
        b.setTooltip(new javafx.scene.control.Tooltip(name + ": temperature " + t));
        b.setId("preset-" + name.toLowerCase(java.util.Locale.ROOT));
        b.getStyleClass().add("preset");
        b.setOnAction(e -> form.preset(t));
        return b;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    private static Spinner<Double> decimal(String id, DoubleProperty p, double min, double max, double step) {
        Spinner<Double> s = new Spinner<>(min, max, p.get(), step);
        s.setId("sampling-" + id);
        s.setEditable(true);
        s.getValueFactory().valueProperty().addListener((o, a, v) -> p.set(v));
        p.addListener((o, a, v) -> s.getValueFactory().setValue(v.doubleValue()));
        return s;
    }

    private static Spinner<Integer> integer(String id, IntegerProperty p, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setId("sampling-" + id);
        s.setEditable(true);
        s.getValueFactory().valueProperty().addListener((o, a, v) -> p.set(v));
        p.addListener((o, a, v) -> s.getValueFactory().setValue(v.intValue()));
        return s;
    }
}
