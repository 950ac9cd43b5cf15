package io.inferdeck.views.playground;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One message: role, text, figures, note. Text grows by one {@link Text} node per appended chunk (one per
 * dispatcher drain), so earlier text is never re-set; a long reply costs a node per 100 ms, not per token.
 */
final class TurnView extends VBox {
    private static final PseudoClass STREAMING = PseudoClass.getPseudoClass("streaming");
    private static final PseudoClass PARTIAL = PseudoClass.getPseudoClass("partial");

    TurnView(Turn turn, Runnable onGrow) {
        getStyleClass().addAll("turn", "turn-" + turn.role());
        Label role = new Label(turn.role().equals("user") ? "You" : "Assistant");
        role.getStyleClass().add("turn-role");
        TextFlow body = new TextFlow();
        body.getStyleClass().add("turn-text");
        for (String chunk : turn.chunks()) {
            body.getChildren().add(text(chunk));
        }
        turn.chunks().addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(chunk -> body.getChildren().add(text(chunk)));
            }
            onGrow.run();
        });
        Label stats = new Label();
        stats.getStyleClass().add("turn-stats");
        stats.setWrapText(true);
        stats.textProperty().bind(turn.statsProperty());
        stats.visibleProperty().bind(turn.statsProperty().isNotEmpty());
        stats.managedProperty().bind(stats.visibleProperty());
        Label note = new Label();
        note.getStyleClass().add("turn-note");
        note.setWrapText(true);
        note.textProperty().bind(turn.noteProperty());
        note.visibleProperty().bind(turn.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        getChildren().addAll(role, body, note, stats);
        turn.stateProperty().addListener((o, a, s) -> state(s));
        state(turn.stateProperty().get());
    }

    private void state(Turn.State s) {
        pseudoClassStateChanged(STREAMING, s == Turn.State.STREAMING);
        pseudoClassStateChanged(PARTIAL, s == Turn.State.STOPPED || s == Turn.State.FAILED);
    }

    private static Text text(String chunk) {
        Text t = new Text(chunk);
        t.getStyleClass().add("turn-chunk");
        return t;
    }
}
