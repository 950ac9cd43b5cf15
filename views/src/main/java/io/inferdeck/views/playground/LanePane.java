package io.inferdeck.views.playground;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A lane: which engine it talks to, its notes, and its transcript, following new text to the bottom. */
final class LanePane extends VBox {
    private final VBox transcript = new VBox();
    private final ScrollPane scroll = new ScrollPane(transcript);

    LanePane(PlaygroundViewModel vm, String idPrefix) {
        getStyleClass().add("lane");
        Label engine = new Label();
        engine.setId(idPrefix + "-engine");
        engine.getStyleClass().add("lane-engine");
        engine.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.engineProperty().get()
                .map(e -> "Engine: " + vm.modelProperty().get().map(m -> m.label()).orElse(e.label()) + "  ·  " + e.baseUrl())
                .orElse("Engine: not running"), vm.engineProperty(), vm.modelProperty()));
        Label note = new Label();
        note.setId(idPrefix + "-model-note");
        note.getStyleClass().add("banner-warning");
        note.setWrapText(true);
        note.textProperty().bind(vm.randomWeightsNoteProperty());
        note.visibleProperty().bind(vm.randomWeightsNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        Label message = new Label();
        message.setId(idPrefix + "-message");
        message.getStyleClass().add("banner-danger");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        transcript.getStyleClass().add("transcript");
        transcript.setId(idPrefix + "-transcript");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("transcript-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        vm.turns().forEach(this::add);
        vm.turns().addListener((ListChangeListener<Turn>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    transcript.getChildren().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    for (int i = 0; i < c.getAddedSize(); i++) {
                        transcript.getChildren().add(c.getFrom() + i, new TurnView(c.getAddedSubList().get(i), this::follow));
                    }
                    follow();
                }
            }
        });
        getChildren().addAll(engine, note, message, scroll);
    }

    private void add(Turn t) {
        transcript.getChildren().add(new TurnView(t, this::follow));
    }

    /** Keeps the newest text in view while a reply streams. */
    private void follow() {
        transcript.layout();
        scroll.setVvalue(1.0);
    }
}
