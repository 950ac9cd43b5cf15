package io.inferdeck.views.keys;

import java.time.LocalDate;
import javafx.scene.control.Label;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableView;

/** Usage per key per UTC day, newest day first until the operator sorts by a column. */
final class UsageTable extends TableView<UsageRow> {

    UsageTable(KeysViewModel vm) {
        SortedList<UsageRow> sorted = new SortedList<>(vm.usage());
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setId("keys-usage-table");
        getStyleClass().addAll("keys-table", "dense");   // AtlantaFX's compact rows: more of them fit at 1280×720
        setPlaceholder(new Label("No requests in the days shown."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        getColumns().add(Columns.<UsageRow, LocalDate>of("Day (UTC)", 96, r -> r.usage().day(), r -> r.usage().day().toString()));
        getColumns().add(Columns.of("Key", 150, UsageRow::name, UsageRow::name));
        getColumns().add(Columns.number("Requests", 90, r -> r.usage().requests(), r -> KeysText.count(r.usage().requests())));
        getColumns().add(Columns.group("Tokens",
                Columns.number("Prompt", 84, r -> r.usage().tokensIn(), r -> KeysText.count(r.usage().tokensIn())),
                Columns.number("Completion", 100, r -> r.usage().tokensOut(), r -> KeysText.count(r.usage().tokensOut()))));
        getColumns().add(Columns.number("Errors", 70, r -> r.usage().errors(), r -> KeysText.count(r.usage().errors())));
    }
}
