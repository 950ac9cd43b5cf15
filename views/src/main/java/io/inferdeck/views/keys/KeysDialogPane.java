package io.inferdeck.views.keys;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Keys page's dialogs, drawn over the page (a scrim and a card) from the view-model's {@link KeysDialog}: the
 * Add form, the key just made with Copy (its only showing: the card and its text go when the dialog closes), and
 * the revoke confirmation. Escape closes any of them.
 */
final class KeysDialogPane extends StackPane {
    private final KeysViewModel vm;

    KeysDialogPane(KeysViewModel vm) {
        this.vm = vm;
        setId("keys-dialog");
        getStyleClass().add("keys-scrim");
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.closeDialog();
            }
        });
        vm.dialogProperty().subscribe(this::show);
    }

    private void show(KeysDialog d) {
        Node card = switch (d) {
            case KeysDialog.None n -> null;
            case KeysDialog.Add a -> add(a);
            case KeysDialog.Created c -> created(c);
            case KeysDialog.Revoke r -> revoke(r);
        };
        setVisible(card != null);
        getChildren().clear();
        if (card != null) {
            StackPane.setAlignment(card, Pos.CENTER);
            getChildren().add(card);
        }
    }

    private VBox add(KeysDialog.Add a) {
        KeyForm f = vm.form();
        GridPane grid = new GridPane();
        grid.getStyleClass().add("keys-form");
        TextField first = field(grid, 0, "Name", "keys-name", "e.g. team-a", f.nameProperty());
        field(grid, 1, "Requests per minute", "keys-rpm", KeysText.UNLIMITED, f.rpmProperty());
        field(grid, 2, "Tokens per minute", "keys-tpm", KeysText.UNLIMITED, f.tpmProperty());
        field(grid, 3, "Requests at once", "keys-concurrency", KeysText.UNLIMITED, f.concurrencyProperty());
        Button create = button("Create", "keys-create", vm::create);
        create.setDefaultButton(true);
        create.getStyleClass().add("accent");
        create.disableProperty().bind(vm.busyProperty());
        VBox card = card("keys-add-dialog", "Add an API key", "Clients send it as Authorization: Bearer KEY to gateways whose "
                + "profile sets gateway.keys: true. A blank limit is unlimited.", grid, error("keys-add-error", a.error()),
                buttons(button("Cancel", "keys-cancel", vm::closeDialog), create));
        first.requestFocus();
        return card;
    }

    private VBox created(KeysDialog.Created c) {
        TextField secret = new TextField(c.key().secret());
        secret.setId("keys-secret");
        secret.setEditable(false);
        secret.getStyleClass().add("keys-secret");
        Button copy = button("Copy", "keys-copy", null);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(secret.getText());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        Button done = button("Done", "keys-done", vm::closeDialog);
        done.setDefaultButton(true);
        HBox.setHgrow(secret, Priority.ALWAYS);
        HBox row = new HBox(secret, copy);
        row.getStyleClass().add("keys-secret-row");
        return card("keys-created-dialog", "Key '" + c.key().key().name() + "' created (" + c.key().key().id() + ")",
                "Copy it now: InferDeck keeps only its hash, so this is the only time it is shown. Clients send it as "
                        + "Authorization: Bearer KEY.", row, buttons(done));
    }

    private VBox revoke(KeysDialog.Revoke r) {
        Button confirm = button("Revoke", "keys-revoke-confirm", vm::revoke);
        confirm.getStyleClass().add("danger");
        confirm.disableProperty().bind(vm.busyProperty());
        return card("keys-revoke-dialog", "Revoke key '" + r.key().name() + "' (" + r.key().id() + ")?",
                "Its clients get 401 at once from this console's gateways, and within seconds from gateways in other "
                        + "processes. A revoked key cannot be used again; its usage stays listed.",
                error("keys-revoke-error", r.error()), buttons(button("Cancel", "keys-cancel", vm::closeDialog), confirm));
    }

    private static VBox card(String id, String title, String text, Node... body) {
        Label t = new Label(title);
        t.getStyleClass().add("keys-dialog-title");
        t.setWrapText(true);
        Label x = new Label(text);
        x.getStyleClass().add("keys-dialog-text");
        x.setWrapText(true);
        VBox card = new VBox(t, x);
        card.getChildren().addAll(body);
        card.setId(id);
        card.getStyleClass().addAll("card", "keys-dialog-card");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return card;
    }

    private static TextField field(GridPane grid, int row, String label, String id, String prompt,
                                   javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        grid.addRow(row, new Label(label), f);
        return f;
    }

    private static Label error(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("keys-error");
        l.setWrapText(true);
        l.setVisible(!text.isEmpty());
        l.setManaged(!text.isEmpty());
        return l;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        if (action != null) {
            b.setOnAction(e -> action.run());
        }
        return b;
    }

    private static HBox buttons(Button... buttons) {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(gap);
        row.getChildren().addAll(buttons);
        row.getStyleClass().add("keys-dialog-buttons");
        return row;
    }
}
