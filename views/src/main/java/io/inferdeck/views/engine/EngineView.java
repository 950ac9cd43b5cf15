package io.inferdeck.views.engine;

import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import io.inferdeck.views.shell.StatusLevel;
import io.inferdeck.control.supervisor.LogLevel;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListView;
import javafx.util.StringConverter;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Engine section: state with its reason, Start/Stop/Restart, what runs, replicas and the live log. */
public final class EngineView extends SectionPage {

    public EngineView(EngineViewModel vm) {
        super(Section.ENGINE.id(), Section.ENGINE.title(), "Start, stop and watch the local inference engine.", body(vm));
    }

    private static VBox body(EngineViewModel vm) {
        Label state = new Label();
        state.setId("engine-state");
        state.getStyleClass().add("engine-state");
        state.textProperty().bind(vm.stateTextProperty());
        vm.levelProperty().subscribe(level -> {
            for (StatusLevel l : StatusLevel.values()) {
                state.pseudoClassStateChanged(PseudoClass.getPseudoClass(l.pseudoClass()), l == level);
            }
        });
        Button start = button("Start", "engine-start", vm::start);
        start.disableProperty().bind(vm.runningProperty());
        Button stop = button("Stop", "engine-stop", vm::stop);
        stop.disableProperty().bind(vm.runningProperty().not());
        Button restart = button("Restart", "engine-restart", vm::restart);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(state, spacer, start, stop, restart);
        bar.getStyleClass().add("engine-bar");

        Label detail = new Label();
        detail.getStyleClass().add("engine-detail");
        detail.setWrapText(true);
        detail.textProperty().bind(vm.detailProperty());
        Label replicas = new Label();
        replicas.getStyleClass().add("engine-replicas");
        replicas.textProperty().bind(vm.replicasTextProperty());

        TextArea command = readOnly("engine-command", 3);
        command.textProperty().bind(vm.commandTextProperty());

        ListView<String> log = EngineLogList.build(vm.log().lines());
        VBox.setVgrow(log, Priority.ALWAYS);

        VBox box = new VBox(bar, detail, replicas, EngineProfileBar.build(vm.profiles(), vm.profileNameProperty()),
                caption("What runs"), command, caption("Log"), logFilters(vm.log()), log);
        box.getStyleClass().addAll("card", "engine-card");
        return box;
    }

    private static HBox logFilters(EngineLogModel model) {
        ChoiceBox<LogLevel> level = new ChoiceBox<>(FXCollections.observableArrayList(LogLevel.values()));
        level.setId("engine-log-level");
        level.setConverter(new StringConverter<>() {
            @Override
            public String toString(LogLevel l) {
                return l == null ? "" : l == LogLevel.DEBUG ? "All levels" : l + " and above";
            }

            @Override
            public LogLevel fromString(String s) {
                return null;
            }
        });
        level.setValue(model.minLevelProperty().get());
        level.valueProperty().subscribe(l -> {
            if (l != null) {
                model.setMinLevel(l);
            }
        });
        TextField search = new TextField();
        search.setId("engine-log-search");
        search.setPromptText("Search log lines");
        search.getStyleClass().add("engine-log-filter");
        search.textProperty().subscribe(model::search);
        HBox.setHgrow(search, Priority.ALWAYS);
        Label counts = new Label();
        counts.getStyleClass().add("engine-log-counts");
        counts.textProperty().bind(model.countsProperty());
        HBox row = new HBox(level, search, counts);
        row.getStyleClass().add("engine-log-bar");
        return row;
    }

    static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);   // never squeezed to "…" beside the profile picker
        b.setOnAction(e -> action.run());
        return b;
    }

    private static TextArea readOnly(String styleClass, int rows) {
        TextArea t = new TextArea();
        t.setMinHeight(Region.USE_PREF_SIZE);    // the log grows; the smaller panes keep their rows
        t.setEditable(false);
        t.setWrapText(true);
        t.setPrefRowCount(rows);
        t.getStyleClass().addAll("engine-text", styleClass);
        return t;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("engine-caption");
        return l;
    }
}
