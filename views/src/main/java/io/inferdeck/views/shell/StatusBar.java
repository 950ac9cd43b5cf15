package io.inferdeck.views.shell;

import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** Bottom bar: engine state and GPU source state, each a coloured dot plus text, bound to the view-model. */
final class StatusBar extends HBox {

    StatusBar(ShellViewModel viewModel) {
        getStyleClass().add("status-bar");
        Region separator = new Region();
        separator.getStyleClass().add("status-separator");
        getChildren().addAll(
                item("status-engine", viewModel.engineStatusProperty()),
                separator,
                item("status-gpu", viewModel.gpuStatusProperty()));
    }

    /** The item's level becomes a pseudo-class (:idle, :ok, :warn, :error); the stylesheet picks colours. */
    private static HBox item(String id, ObservableValue<StatusIndicator> status) {
        Region dot = new Region();
        dot.getStyleClass().add("status-dot");
        Label text = new Label();
        text.textProperty().bind(status.map(StatusIndicator::text));
        HBox item = new HBox(dot, text);
        item.setId(id);
        item.getStyleClass().add("status-item");
        applyLevel(item, status.getValue().level());
        status.addListener((obs, old, now) -> applyLevel(item, now.level()));
        return item;
    }

    private static void applyLevel(HBox item, StatusLevel level) {
        for (StatusLevel each : StatusLevel.values()) {
            item.pseudoClassStateChanged(PseudoClass.getPseudoClass(each.pseudoClass()), each == level);
        }
    }
}
