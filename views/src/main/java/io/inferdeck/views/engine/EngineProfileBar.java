package io.inferdeck.views.engine;

import io.inferdeck.control.profile.ProfileLibrary;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Profile row of the Engine page: picker, Refresh, Apply, and the diff the Apply would make. */
final class EngineProfileBar {

    private EngineProfileBar() {
    }

    static VBox build(ProfilePickerModel model, ObservableStringValue runningName) {
        ComboBox<ProfileLibrary.Entry> picker = new ComboBox<>(model.choices());
        picker.setId("engine-profile");
        picker.setCellFactory(list -> new EntryCell());
        picker.setButtonCell(new EntryCell());
        picker.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(picker, Priority.ALWAYS);
        model.selectedProperty().subscribe(e -> {
            if (picker.getValue() != e) {
                picker.setValue(e);
            }
        });
        picker.valueProperty().subscribe(e -> {
            if (e != null && e != model.selectedProperty().get()) {
                model.select(e);
            }
        });
        Button refresh = EngineView.button("Refresh", "engine-profile-refresh", model::refresh);
        Button apply = EngineView.button("Apply", "engine-profile-apply", model::apply);
        apply.disableProperty().bind(model.selectedProperty().isNull());
        Label running = new Label();
        running.getStyleClass().add("engine-caption");
        running.textProperty().bind(runningName.map(n -> n.isBlank() ? "Profile" : "Profile — running: " + n));
        HBox row = new HBox(picker, refresh, apply);
        row.getStyleClass().add("engine-profile-bar");

        TextArea diff = new TextArea();
        diff.setId("engine-profile-diff");
        diff.setEditable(false);
        diff.setPrefRowCount(4);
        diff.setWrapText(true);
        diff.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        diff.getStyleClass().addAll("engine-text", "engine-diff");
        diff.textProperty().bind(model.diffProperty());
        Label message = new Label();
        message.setId("engine-profile-message");
        message.setWrapText(true);
        message.getStyleClass().add("engine-detail");
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        return new VBox(running, row, diff, message);
    }

    /** Shows the profile's name; a file that cannot be used says so in the list itself. */
    private static final class EntryCell extends ListCell<ProfileLibrary.Entry> {
        @Override
        protected void updateItem(ProfileLibrary.Entry e, boolean empty) {
            super.updateItem(e, empty);
            setText(empty || e == null ? null
                    : e.usable() ? e.name() + (e.file() == null ? "" : "  (" + e.file().getFileName() + ")")
                    : e.name() + "  (invalid — see below)");
        }
    }
}
