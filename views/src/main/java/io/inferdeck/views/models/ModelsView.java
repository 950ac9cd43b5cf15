package io.inferdeck.views.models;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.services.models.DiscoveredModel;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.io.File;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The Models section: the table of every model found, a filter, Add folder…, and the selected model's actions
 * (Run with its confirmation, Inspect, Quantize, Quant report, Reveal), with messages and details below.
 */
public final class ModelsView extends SectionPage {

    public ModelsView(ModelsViewModel vm) {
        super(Section.MODELS.id(), Section.MODELS.title(),
                "GGUF models on this machine, in InferDeck's folder and in other tools' stores. Nothing is downloaded.", body(vm));
        vm.refresh();
    }

    private static VBox body(ModelsViewModel vm) {
        TableView<DiscoveredModel> table = ModelTable.build(vm);
        VBox.setVgrow(table, Priority.ALWAYS);
        table.setMinHeight(150);   // five rows and the header, whatever the panes below take
        Label message = new Label();
        message.setId("models-message");
        message.getStyleClass().add("models-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        TextArea details = text("models-details", 5);
        details.textProperty().bind(vm.detailsProperty());
        details.visibleProperty().bind(details.textProperty().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        Label stores = new Label();
        stores.setId("models-stores");
        stores.getStyleClass().add("models-stores");
        stores.setWrapText(true);
        stores.setMinHeight(Region.USE_PREF_SIZE);
        stores.textProperty().bind(vm.storesProperty());
        Tooltip where = new Tooltip();
        where.textProperty().bind(vm.storeDetailsProperty());
        stores.setTooltip(where);
        VBox box = new VBox(toolbar(vm), table, actions(vm), confirm(vm), message, details, stores);
        box.getStyleClass().addAll("card", "models-card");
        return box;
    }

    private static HBox toolbar(ModelsViewModel vm) {
        TextField filter = new TextField();
        filter.setId("models-filter");
        filter.setPromptText("Filter by name, source, architecture, quant or path");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Button rescan = button("Rescan", "models-rescan", vm::refresh);
        Button add = button("Add folder…", "models-add-folder", () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Add a folder with GGUF models");
            chooser.setInitialDirectory(new File(System.getProperty("user.home")));
            File dir = chooser.showDialog(filter.getScene().getWindow());
            if (dir != null) {
                vm.addFolder(dir.toPath());
            }
        });
        add.setTooltip(new Tooltip("Look for models in another folder too (remembered)"));
        HBox bar = new HBox(filter, rescan, add);
        bar.getStyleClass().add("models-toolbar");
        return bar;
    }

    private static FlowPane actions(ModelsViewModel vm) {
        BooleanBinding none = vm.selectedProperty().isNull().or(vm.busyProperty());
        Button run = button("Run", "models-run", vm::run);
        run.getStyleClass().add("accent");
        run.setTooltip(new Tooltip("Start this model on the built-in engine (shows the change first)"));
        run.disableProperty().bind(none.or(vm.confirmingProperty()));
        Button inspect = button("Inspect", "models-inspect", vm::inspect);
        ChoiceBox<GgmlType> type = new ChoiceBox<>(FXCollections.observableArrayList(vm.quantTypes()));
        type.setId("models-quant-type");
        type.setValue(GgmlType.Q8_0);
        type.setTooltip(new Tooltip("The type Quantize writes"));
        Button quantize = button("Quantize", "models-quantize", () -> vm.quantize(type.getValue()));
        quantize.setTooltip(new Tooltip("Write this model as the chosen type (into InferDeck's folder for another tool's model)"));
        Button report = button("Quant report", "models-quant-report", vm::quantReport);
        report.setTooltip(new Tooltip("Compare this model's quantizations: size, speed on the engine, quality (minutes)"));
        Button reveal = button("Reveal in file manager", "models-reveal", vm::reveal);
        reveal.setVisible(vm.canReveal());
        reveal.setManaged(vm.canReveal());
        for (Button b : new Button[] {inspect, quantize, report, reveal}) {
            b.disableProperty().bind(none);
        }
        Label caption = new Label("Selected model:");
        caption.getStyleClass().add("models-caption");
        caption.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane bar = new FlowPane(caption, run, inspect, type, quantize, report, reveal);
        bar.getStyleClass().add("models-actions");
        return bar;
    }

    /** The diff-before-apply step of Run: what changes, then Start or Cancel. */
    private static VBox confirm(ModelsViewModel vm) {
        TextArea diff = text("models-confirm-diff", 4);
        diff.textProperty().bind(vm.confirmTextProperty());
        Button start = button("Start", "models-confirm", vm::confirmRun);
        start.getStyleClass().add("accent");
        Button cancel = button("Cancel", "models-cancel", vm::cancelRun);
        Label caption = new Label("What changes against the running profile:");
        caption.getStyleClass().add("models-caption");
        VBox box = new VBox(caption, diff, new HBox(8, start, cancel));
        box.setId("models-confirm-box");
        box.getStyleClass().add("models-confirm");
        box.visibleProperty().bind(vm.confirmingProperty());
        box.managedProperty().bind(vm.confirmingProperty());
        return box;
    }

    private static TextArea text(String id, int rows) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setEditable(false);
        t.setWrapText(false);
        t.setPrefRowCount(rows);
        t.setMinHeight(Region.USE_PREF_SIZE);
        t.getStyleClass().add("models-text");
        return t;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);   // never squeezed to "…"
        b.setOnAction(e -> action.run());
        return b;
    }
}
