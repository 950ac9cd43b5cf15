package io.inferdeck.views.keys;

import io.inferdeck.views.common.EmptyState;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Keys section: the gateway's API keys with their limits and the usage of the days shown, each key's usage per
 * UTC day below, Add and Revoke above; an empty-state card saying how keys work while there are none. Dialogs
 * ({@link KeysDialogPane}) are drawn over the page.
 */
public final class KeysView extends SectionPage {

    public KeysView(KeysViewModel vm) {
        super(Section.KEYS.id(), Section.KEYS.title(),
                "Who may call gateways that admit by key, with what limits, and what each key used per day.", body(vm));
    }

    private static Node body(KeysViewModel vm) {
        Label summary = label("keys-summary", "keys-summary", vm.summaryProperty());
        Label message = label("keys-message", "keys-muted", vm.messageProperty());
        Label problem = label("keys-problem", "keys-problem", vm.problemProperty());
        for (Label l : List.of(message, problem)) {
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }

        Label usageTitle = new Label("Usage per key per day (UTC)");
        usageTitle.getStyleClass().add("keys-caption");
        UsageTable usage = new UsageTable(vm);
        VBox.setVgrow(usage, Priority.ALWAYS);
        VBox usageBox = new VBox(usageTitle, usage);
        usageBox.getStyleClass().add("keys-usage");
        SplitPane split = new SplitPane(new KeyTable(vm), usageBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        split.visibleProperty().bind(vm.emptyProperty().not());

        EmptyState empty = new EmptyState("keys", "No API keys yet",
                "A deployment whose profile sets gateway.keys: true admits a client only with one of these keys (or the "
                        + "profile's own apiKey). Add one above or with inferdeck keys add NAME; its secret is shown once.",
                List.of("each key has its own limits: requests and tokens per minute, requests at once (429 beyond them)",
                        "usage is counted per key per UTC day: requests, prompt and completion tokens, errors",
                        "a gateway bound to anything but loopback must admit by key (or the profile's apiKey)",
                        "the Playground sends the console's own key, console-<pid>, revoked when the console exits"));
        empty.setId("keys-empty");
        empty.visibleProperty().bind(vm.emptyProperty());
        StackPane.setAlignment(empty, Pos.TOP_CENTER);
        StackPane content = new StackPane(split, empty);
        VBox.setVgrow(content, Priority.ALWAYS);

        VBox card = new VBox(toolbar(vm), summary, message, problem, content);
        card.getStyleClass().addAll("card", "keys-card");
        StackPane page = new StackPane(card, new KeysDialogPane(vm));
        page.getStyleClass().add("keys-body");
        return page;
    }

    private static HBox toolbar(KeysViewModel vm) {
        Button add = new Button("Add key…");
        add.setId("keys-add");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> vm.openAdd());
        Button revoke = new Button("Revoke…");
        revoke.setId("keys-revoke");
        revoke.setOnAction(e -> vm.askRevoke());
        revoke.disableProperty().bind(vm.canRevokeProperty().not());
        ComboBox<Integer> days = new ComboBox<>(FXCollections.observableArrayList(KeysViewModel.DAY_CHOICES));
        days.setId("keys-days");
        days.setValue(vm.days());
        days.setButtonCell(dayCell());
        days.setCellFactory(l -> dayCell());
        days.valueProperty().subscribe(d -> {
            if (d != null) {
                vm.setDays(d);
            }
        });
        Label show = new Label("Usage of the last");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label location = new Label(vm.location());
        location.setId("keys-location");
        location.getStyleClass().add("keys-muted");
        location.setMinWidth(0);
        HBox bar = new HBox(add, revoke, show, days, gap, location);
        bar.getStyleClass().add("keys-toolbar");
        return bar;
    }

    private static ListCell<Integer> dayCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Integer d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d + " days");
            }
        };
    }

    private static Label label(String id, String style, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.textProperty().bind(text);
        return l;
    }
}
