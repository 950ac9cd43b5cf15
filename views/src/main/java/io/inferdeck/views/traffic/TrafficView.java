package io.inferdeck.views.traffic;

import io.inferdeck.views.common.EmptyState;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Traffic section: the deployment gateway's request log, live. Filters and pause above, the count line,
 * the table and the selected request's drill-down below it; an empty-state card instead of all of them while
 * there is nothing to show (no deployment, no request yet).
 */
public final class TrafficView extends SectionPage {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    public TrafficView(TrafficViewModel vm) {
        super(Section.TRAFFIC.id(), Section.TRAFFIC.title(),
                "Every request the deployment's gateway served: status, timing, tokens, cache and safety.", body(vm));
    }

    private static Node body(TrafficViewModel vm) {
        Label count = new Label();
        count.setId("traffic-count");
        count.getStyleClass().add("traffic-count");
        count.textProperty().bind(vm.countProperty());
        Label source = new Label();
        source.setId("traffic-source");
        source.getStyleClass().add("traffic-muted");
        source.textProperty().bind(vm.sourceProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox info = new HBox(count, gap, source);
        info.getStyleClass().add("traffic-info");

        Label problem = new Label();
        problem.setId("traffic-problem");
        problem.getStyleClass().add("traffic-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        ScrollPane detail = new ScrollPane(new TrafficDetailPane(vm));
        detail.setFitToWidth(true);
        detail.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);   // its text wraps
        detail.getStyleClass().add("traffic-detail-scroll");
        SplitPane split = new SplitPane(new TrafficTable(vm), detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.66);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox live = new VBox(toolbar(vm), info, problem, split);
        live.getStyleClass().addAll("card", "traffic-card");

        StackPane stack = new StackPane(live);
        stack.getStyleClass().add("traffic-body");
        vm.emptyProperty().subscribe(empty -> {
            live.setVisible(empty == null);
            stack.getChildren().setAll(live);
            if (empty != null) {
                EmptyState card = new EmptyState("traffic", empty.title(), empty.text(), List.of(
                        "time, key, upstream, model and status of each request",
                        "queue, time to first token and end-to-end latency",
                        "tokens in and out, cache hits and the live safety decision"));
                card.setId("traffic-empty");
                StackPane.setAlignment(card, javafx.geometry.Pos.TOP_CENTER);
                stack.getChildren().add(card);
            }
        });
        return stack;
    }

    private static HBox toolbar(TrafficViewModel vm) {
        ComboBox<StatusClass> status = new ComboBox<>(FXCollections.observableArrayList(StatusClass.values()));
        status.setId("traffic-status");
        status.setValue(StatusClass.ALL);
        status.valueProperty().subscribe(vm::setStatus);
        ComboBox<String> key = choice("traffic-key", "All keys", vm.keyChoices());
        key.valueProperty().subscribe(vm::setKey);
        ComboBox<String> upstream = choice("traffic-upstream", "All upstreams", vm.upstreamChoices());
        upstream.valueProperty().subscribe(vm::setUpstream);
        TextField slow = new TextField();
        slow.setId("traffic-slow");
        slow.setPromptText("any");
        slow.getStyleClass().add("traffic-slow");
        slow.textProperty().subscribe(vm::setSlowerThan);
        vm.slowValidProperty().subscribe(ok -> slow.pseudoClassStateChanged(INVALID, !ok));
        Label slowLabel = new Label("Slower than");
        Label ms = new Label("ms");
        Button pause = new Button();
        pause.setId("traffic-pause");
        pause.textProperty().bind(vm.pausedProperty().map(p -> p ? "Resume" : "Pause"));
        pause.setOnAction(e -> vm.togglePause());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(status, key, upstream, slowLabel, slow, ms, gap, pause);
        bar.getStyleClass().add("traffic-toolbar");
        return bar;
    }

    /** A choice over the values seen in the log, with null meaning all of them ({@code allText}). */
    private static ComboBox<String> choice(String id, String allText, ObservableList<String> values) {
        ObservableList<String> items = FXCollections.observableArrayList();
        Runnable sync = () -> {
            List<String> next = new java.util.ArrayList<>();
            next.add(null);
            next.addAll(values);
            items.setAll(next);
        };
        sync.run();
        ComboBox<String> box = new ComboBox<>(items);
        values.addListener((ListChangeListener<String>) c -> {
            String chosen = box.getValue();   // replacing the items may reset it
            sync.run();
            box.setValue(chosen);
        });
        box.setId(id);
        box.setPromptText(allText);
        ListCell<String> button = cell(allText);
        box.setButtonCell(button);
        box.setCellFactory(l -> cell(allText));
        return box;
    }

    private static ListCell<String> cell(String allText) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? allText : TrafficText.label(item));
            }
        };
    }
}
