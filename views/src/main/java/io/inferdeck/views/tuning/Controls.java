package io.inferdeck.views.tuning;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

/** Small node factories shared by the Tuning panes (ids for tests, style classes for tuning.css). */
final class Controls {
    private Controls() {
    }

    static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);   // never squeezed to "..."
        return b;
    }

    static TextField field(String id, javafx.beans.property.StringProperty bound, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(bound);
        f.setMinWidth(Region.USE_PREF_SIZE);
        return f;
    }

    /** A label that keeps its full text in a crowded row. */
    static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tuning-caption");
        return l;
    }

    static Label text(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        return l;
    }
}
