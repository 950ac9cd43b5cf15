package io.inferdeck.views.playground;

import io.inferdeck.views.common.EmptyState;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.io.File;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Playground: transcript, prompt box (Ctrl+Enter sends), Stop/Regenerate/Clear, sampling, the exact
 * request (JSON and curl) with Copy, and compare mode (a second lane on another engine URL, same prompt).
 */
public final class PlaygroundView extends SectionPage {

    public PlaygroundView(PlaygroundViewModel vm, PlaygroundViewModel compare) {
        super(Section.PLAYGROUND.id(), Section.PLAYGROUND.title(),
                "Chat with the running engine; every reply shows its time to first token, speed and token counts.",
                new Body(vm, compare));
    }

    private static final class Body extends SplitPane {
        Body(PlaygroundViewModel vm, PlaygroundViewModel compare) {
            getStyleClass().add("playground");
            BooleanBinding noEngine = javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> vm.engineProperty().get().isEmpty(), vm.engineProperty());

            TextField system = new TextField();
            system.setId("playground-system");
            system.setPromptText("System prompt");
            system.textProperty().bindBidirectional(vm.systemPromptProperty());
            Label systemLabel = new Label("System");
            systemLabel.getStyleClass().add("field-label");
            HBox systemRow = new HBox(systemLabel, system);
            systemRow.getStyleClass().add("system-row");
            HBox.setHgrow(system, Priority.ALWAYS);

            EmptyState down = new EmptyState("playground", "No engine is running",
                    "Start the engine (the embedded default model needs no download), or attach the compare lane to "
                            + "an engine URL.", List.of("Replies stream token by token",
                            "Each reply: time to first token, tokens/s, prompt and completion tokens"));
            Button start = new Button("Start engine");
            start.setId("playground-start");
            start.getStyleClass().add("accent");
            start.setOnAction(e -> vm.startEngine());
            VBox downBox = new VBox(down, start);
            downBox.getStyleClass().add("engine-down");
            downBox.visibleProperty().bind(noEngine);
            downBox.managedProperty().bind(noEngine);

            LanePane laneA = new LanePane(vm, "lane-a");
            laneA.visibleProperty().bind(noEngine.not());
            laneA.managedProperty().bind(laneA.visibleProperty());
            LanePane laneB = new LanePane(compare, "lane-b");
            ToggleButton compareToggle = new ToggleButton("Compare");
            compareToggle.setId("playground-compare");
            laneB.visibleProperty().bind(compareToggle.selectedProperty());
            laneB.managedProperty().bind(laneB.visibleProperty());
            HBox lanes = new HBox(downBox, laneA, laneB);
            lanes.getStyleClass().add("lanes");
            for (Region r : List.of(downBox, laneA, laneB)) {
                HBox.setHgrow(r, Priority.ALWAYS);
                r.setMaxWidth(Double.MAX_VALUE);
                r.setPrefWidth(400);
            }
            VBox.setVgrow(lanes, Priority.ALWAYS);

            TextField url = new TextField("http://127.0.0.1:");
            url.setId("compare-url");
            url.setPromptText("second engine: http://127.0.0.1:PORT");
            Button attach = new Button("Attach");
            attach.setId("compare-attach");
            attach.setOnAction(e -> compare.attach(url.getText()));
            HBox compareBar = new HBox(url, attach);
            compareBar.getStyleClass().add("toolbar");
            compareBar.visibleProperty().bind(compareToggle.selectedProperty());
            compareBar.managedProperty().bind(compareBar.visibleProperty());
            HBox.setHgrow(url, Priority.ALWAYS);

            TextArea input = new TextArea();
            input.setId("playground-input");
            input.setPromptText("Prompt — Ctrl+Enter sends");
            input.setWrapText(true);
            input.setPrefRowCount(3);
            input.textProperty().bindBidirectional(vm.inputProperty());
            Runnable send = () -> {
                if (compareToggle.isSelected()) {
                    vm.sendWith(compare);
                } else {
                    vm.send();
                }
            };
            input.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                    send.run();
                    e.consume();
                }
            });
            Button sendButton = button("playground-send", "Send", send);
            sendButton.getStyleClass().add("accent");
            sendButton.disableProperty().bind(vm.streamingProperty());
            Button stopButton = button("playground-stop", "Stop", () -> {
                vm.stop();
                compare.stop();
            });
            stopButton.disableProperty().bind(vm.streamingProperty().not().and(compare.streamingProperty().not()));
            Button regen = button("playground-regenerate", "Regenerate", vm::regenerate);
            regen.disableProperty().bind(vm.streamingProperty());
            Button clear = button("playground-clear", "Clear", () -> {
                vm.clear();
                compare.clear();
            });
            VBox actions = new VBox(sendButton, stopButton, regen, clear);
            actions.getStyleClass().add("actions");
            HBox inputRow = new HBox(input, actions);
            inputRow.getStyleClass().add("input-row");
            HBox.setHgrow(input, Priority.ALWAYS);

            HBox files = new HBox(compareToggle, spacer(),
                    button("playground-load", "Open…", () -> choose(false, "json").ifPresent(vm::loadFrom)),
                    button("playground-save", "Save…", () -> choose(true, "json").ifPresent(f -> vm.saveTo(f, false))),
                    button("playground-export", "Export Markdown…", () -> choose(true, "md").ifPresent(f -> vm.saveTo(f, true))));
            files.getStyleClass().add("toolbar");

            VBox main = new VBox(systemRow, files, compareBar, lanes, inputRow);
            main.getStyleClass().add("playground-main");

            VBox side = new VBox(new SamplingPanel(vm.sampling()), requestViewer(vm));
            side.getStyleClass().add("playground-side");
            // the side scrolls on its own in a low window: the chat keeps its toolbar and input in view
            javafx.scene.control.ScrollPane sideScroll = new javafx.scene.control.ScrollPane(side);
            sideScroll.getStyleClass().add("side-scroll");
            sideScroll.setFitToWidth(true);
            sideScroll.setFitToHeight(true);
            sideScroll.setMinWidth(300);
            getItems().addAll(main, sideScroll);
            setDividerPositions(0.68);
        }

        private static Region requestViewer(PlaygroundViewModel vm) {
            TextArea json = new TextArea();
            json.setId("request-json");
            json.setEditable(false);
            json.textProperty().bind(vm.requestJsonProperty());
            TextArea curl = new TextArea();
            curl.setId("request-curl");
            curl.setEditable(false);
            curl.setWrapText(true);
            curl.textProperty().bind(vm.curlProperty());
            TabPane tabs = new TabPane(new Tab("Request JSON", withCopy(json, "copy-json")), new Tab("curl", withCopy(curl, "copy-curl")));
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            tabs.getStyleClass().add("request-viewer");
            Label errors = new Label();
            errors.setId("sampling-errors");
            errors.getStyleClass().add("banner-danger");
            errors.setWrapText(true);
            errors.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> String.join("\n", vm.errorsProperty().get()), vm.errorsProperty()));
            errors.visibleProperty().bind(errors.textProperty().isNotEmpty());
            errors.managedProperty().bind(errors.visibleProperty());
            VBox box = new VBox(errors, tabs);
            box.getStyleClass().addAll("card", "request-panel");
            VBox.setVgrow(box, Priority.ALWAYS);
            VBox.setVgrow(tabs, Priority.ALWAYS);
            return box;
        }

        private static VBox withCopy(TextArea area, String id) {
            Button copy = button(id, "Copy", () -> {
                ClipboardContent c = new ClipboardContent();
                c.putString(area.getText());
                Clipboard.getSystemClipboard().setContent(c);
            });
            VBox.setVgrow(area, Priority.ALWAYS);
            VBox box = new VBox(area, copy);
            box.getStyleClass().add("copy-box");
            return box;
        }

        private java.util.Optional<java.nio.file.Path> choose(boolean save, String ext) {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase() + " files", "*." + ext));
            File f = save ? chooser.showSaveDialog(getScene().getWindow()) : chooser.showOpenDialog(getScene().getWindow());
            return java.util.Optional.ofNullable(f).map(File::toPath);
        }

        private static Region spacer() {
            Region r = new Region();
            HBox.setHgrow(r, Priority.ALWAYS);
            return r;
        }

        private static Button button(String id, String text, Runnable action) {
            Button b = new Button(text);
            b.setId(id);
            b.setOnAction(e -> action.run());
            return b;
        }
    }
}
