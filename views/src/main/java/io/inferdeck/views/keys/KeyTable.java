package io.inferdeck.views.keys;

import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The keys, oldest first until the operator sorts by a column; a revoked key's row is marked (:revoked). */
final class KeyTable extends TableView<KeyRow> {

    KeyTable(KeysViewModel vm) {
        SortedList<KeyRow> sorted = new SortedList<>(vm.keys());
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setId("keys-table");
        getStyleClass().addAll("keys-table", "dense");   // AtlantaFX's compact rows: more of them fit at 1280×720
        setPlaceholder(new Label("No keys."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        getColumns().add(Columns.of("Name", 130, r -> r.key().name(), r -> r.key().name()));
        getColumns().add(Columns.of("Id", 92, r -> r.key().id(), r -> r.key().id()));
        getColumns().add(Columns.group("Limits",
                Columns.number("Req/min", 80, r -> r.key().limits().requestsPerMinute().orElse(Integer.MAX_VALUE),
                        r -> KeysText.limit(r.key().limits().requestsPerMinute())),
                Columns.number("Tok/min", 80, r -> r.key().limits().tokensPerMinute().orElse(Long.MAX_VALUE),
                        r -> KeysText.limit(r.key().limits().tokensPerMinute())),
                Columns.number("At once", 74, r -> r.key().limits().concurrency().orElse(Integer.MAX_VALUE),
                        r -> KeysText.limit(r.key().limits().concurrency()))));
        getColumns().add(Columns.of("Created", 136, r -> r.key().created(), r -> vm.time(r.key().created())));
        getColumns().add(Columns.of("Status", 150, r -> r.key().revoked().map(Object::toString).orElse(""), r -> vm.status(r.key())));
        getColumns().add(Columns.group("Days shown",
                Columns.number("Requests", 90, KeyRow::requests, r -> KeysText.count(r.requests())),
                Columns.number("Tokens", 90, KeyRow::tokens, r -> KeysText.count(r.tokens()))));
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(KeyRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(Columns.REVOKED, !empty && row != null && !row.key().active());
            }
        });

        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.select(b));
        vm.selectedProperty().subscribe(row -> {
            if (row != null && getSelectionModel().getSelectedItem() != row) {
                getSelectionModel().select(row);
            }
        });
    }
}
