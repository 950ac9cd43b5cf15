package io.inferdeck.views.tuning;

import static io.inferdeck.views.tuning.Controls.field;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.KvCacheTypes;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.SplitMode;
import io.inferdeck.services.tuning.Variant;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The profile's knobs in a grid: label, control, and the validator's message for that field beside it
 * (pseudo-classes {@code :error} / {@code :warning}). The quant drop-down lists the variants on disk and
 * those InferDeck can create; a missing one enables Create, which shows the quantizer's progress.
 */
final class ProfileEditor extends GridPane {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private final Map<String, Label> messages = new java.util.HashMap<>();
    /** Each field's row (label, control, message), shown only when the chosen engine reads that field. */
    private final Map<String, List<Node>> rows = new java.util.LinkedHashMap<>();
    private int row;

    ProfileEditor(TuningViewModel vm) {
        getStyleClass().add("tuning-form");
        setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints notes = new ColumnConstraints(0, 180, 320);
        getColumnConstraints().addAll(labels, controls, notes);
        ProfileForm f = vm.form();
        add("Name", "name", field("tuning-name", f.nameProperty(), 12));
        ComboBox<EngineKind> engine = new ComboBox<>(FXCollections.observableArrayList(EngineDrivers.defaults().kinds()));
        engine.setId("tuning-engine");
        engine.setMinWidth(Region.USE_PREF_SIZE);
        engine.valueProperty().bindBidirectional(f.engineProperty());
        add("Engine", "engine", engine);
        addWide("Model file", "model", modelPicker(vm));

        ComboBox<Variant> quant = new ComboBox<>(vm.variants());
        quant.setId("tuning-quant");
        quant.setMinWidth(Region.USE_PREF_SIZE);
        quant.setPrefWidth(150);
        quant.valueProperty().bindBidirectional(f.variantProperty());
        Button create = Controls.button("Create", "tuning-create", vm::createVariant);
        create.disableProperty().bind(vm.creatableProperty().not().or(vm.quantizingProperty()));
        ProgressBar bar = new ProgressBar();
        bar.setId("tuning-quantize-progress");
        bar.progressProperty().bind(vm.quantizeProgressProperty());
        bar.visibleProperty().bind(vm.quantizingProperty());
        bar.managedProperty().bind(vm.quantizingProperty());
        add("Quantization", "quantization", new HBox(6, quant, create, bar));

        add("Context (total)", "ctx", field("tuning-ctx", f.ctxProperty(), 6));
        add("Batch", "batch", field("tuning-batch", f.batchProperty(), 6));
        add("Micro-batch", "ubatch", field("tuning-ubatch", f.ubatchProperty(), 6));
        add("Parallel slots", "parallel", field("tuning-parallel", f.parallelProperty(), 6));
        add("Threads", "threads", withPrompt(field("tuning-threads", f.threadsProperty(), 6), "default"));
        add("KV cache K / V", "cacheTypeK", new HBox(6, cache("tuning-cache-k", f.cacheTypeKProperty()),
                cache("tuning-cache-v", f.cacheTypeVProperty())));
        messages.put("cacheTypeV", messages.get("cacheTypeK"));
        CheckBox fa = new CheckBox("Flash attention");
        fa.setId("tuning-flash-attention");
        fa.setMinWidth(Region.USE_PREF_SIZE);
        fa.selectedProperty().bindBidirectional(f.flashAttentionProperty());
        add("", "flashAttention", fa);
        add("GPUs", "gpus", withPrompt(field("tuning-gpus", f.gpusProperty(), 8), "all, e.g. 0,1"));
        add("GPU layers", "gpuLayers", field("tuning-gpu-layers", f.gpuLayersProperty(), 6));
        ComboBox<SplitMode> split = new ComboBox<>(FXCollections.observableArrayList(SplitMode.values()));
        split.setId("tuning-split-mode");
        split.setMinWidth(Region.USE_PREF_SIZE);
        split.valueProperty().bindBidirectional(f.splitModeProperty());
        add("Split mode", "splitMode", split);
        add("Tensor split", "tensorSplit", withPrompt(field("tuning-tensor-split", f.tensorSplitProperty(), 8), "even, e.g. 3,1"));
        add("Main GPU", "mainGpu", field("tuning-main-gpu", f.mainGpuProperty(), 6));
        add("Replicas", "replicas", field("tuning-replicas", f.replicasProperty(), 6));
        add("Port", "port", withPrompt(field("tuning-port", f.portProperty(), 6), "this session's"));
        add("Base URL", "baseUrl", withPrompt(field("tuning-base-url", f.baseUrlProperty(), 18), "http://host:port"));
        add("Binary", "binary", withPrompt(field("tuning-binary", f.binaryProperty(), 18), "found on PATH"));
        Label general = new Label();
        general.getStyleClass().add("tuning-field-message");
        general.setWrapText(true);
        messages.put("", general);
        add(general, 0, row++, 3, 1);
        f.messagesProperty().subscribe(this::showMessages);
        f.engineProperty().subscribe(kind -> rows.forEach((field, nodes) -> {
            boolean shown = kind == null || f.shows(field, kind);
            nodes.forEach(n -> {
                n.setVisible(shown);
                n.setManaged(shown);
            });
        }));
    }

    /**
     * The model file: an editable drop-down of every usable model the stores hold (each listed by name and store),
     * and Browse… for any other GGUF file. A choice reads that model's variants into the quantization drop-down.
     */
    private static HBox modelPicker(TuningViewModel vm) {
        ComboBox<String> model = new ComboBox<>(vm.modelChoices());
        model.setId("tuning-model");
        model.setEditable(true);
        model.setPromptText("embedded default model");
        model.setPrefWidth(300);
        javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();
        full.textProperty().bind(model.valueProperty().map(v -> v == null || v.isBlank() ? "the embedded default model" : v));
        model.setTooltip(full);
        model.setMinWidth(Region.USE_PREF_SIZE);
        model.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String path, boolean empty) {
                super.updateItem(path, empty);
                setText(empty || path == null ? null : vm.modelLabel(path));
                setTooltip(empty || path == null ? null : new javafx.scene.control.Tooltip(path));
            }
        });
        model.valueProperty().bindBidirectional(vm.form().modelProperty());
        model.setOnAction(e -> vm.chooseModel(model.getValue()));
        Button browse = Controls.button("Browse…", "tuning-model-browse", () -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Choose a GGUF model file");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("GGUF models", "*.gguf"));
            chooser.setInitialDirectory(new java.io.File(System.getProperty("user.home")));
            java.io.File file = chooser.showOpenDialog(model.getScene().getWindow());
            if (file != null) {
                model.setValue(file.getPath());
            }
        });
        browse.setTooltip(new javafx.scene.control.Tooltip("Pick any GGUF file on disk"));
        return new HBox(6, model, browse);
    }

    private static javafx.scene.control.TextField withPrompt(javafx.scene.control.TextField t, String prompt) {
        t.setPromptText(prompt);
        return t;
    }

    private static ComboBox<String> cache(String id, javafx.beans.property.ObjectProperty<String> bound) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(KvCacheTypes.LLAMA_CPP));
        c.setId(id);
        c.setMinWidth(Region.USE_PREF_SIZE);
        c.setPrefWidth(90);
        c.valueProperty().bindBidirectional(bound);
        return c;
    }

    private void add(String label, String field, Node control) {
        Label l = fieldLabel(label);
        Label m = message(field);
        rows.put(field, List.of(l, control, m));
        addRow(row++, l, control, m);
    }

    /** A row whose control spans the message column too (its message goes below it), so it widens no other row. */
    private void addWide(String label, String field, Node control) {
        Label l = fieldLabel(label);
        Label m = message(field);
        m.managedProperty().bind(m.textProperty().isNotEmpty());   // no gap below the control while there is nothing to say
        javafx.scene.layout.VBox cell = new javafx.scene.layout.VBox(2, control, m);
        rows.put(field, List.of(l, cell));
        add(l, 0, row);
        add(cell, 1, row++, 2, 1);
    }

    private static Label fieldLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tuning-field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private Label message(String field) {
        Label m = new Label();
        m.setId("tuning-msg-" + field);
        m.getStyleClass().add("tuning-field-message");
        m.setWrapText(true);
        m.setMaxWidth(320);
        messages.put(field, m);
        return m;
    }

    private void showMessages(Map<String, ProfileIssue> issues) {
        messages.values().forEach(m -> {
            m.setText("");
            m.pseudoClassStateChanged(ERROR, false);
            m.pseudoClassStateChanged(WARNING, false);
        });
        issues.forEach((field, issue) -> {
            Label m = messages.get(field.equals("cacheTypeV") ? "cacheTypeK" : field);
            if (m != null) {
                m.setText(m.getText().isEmpty() ? issue.message() : m.getText() + "\n" + issue.message());
                m.pseudoClassStateChanged(issue.isError() ? ERROR : WARNING, true);
            }
        });
    }
}
