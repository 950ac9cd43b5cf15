package io.inferdeck.views.traffic;

import io.inferdeck.control.gateway.RequestRecord;
import io.inferdeck.services.traffic.TrafficEntry;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The live request table, newest first until the operator sorts by a column. Each column sorts by its value
 * (numbers as numbers); cells only format. The selection survives the rows being replaced every poll.
 */
final class TrafficTable extends TableView<TrafficEntry> {
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    TrafficTable(TrafficViewModel vm) {
        SortedList<TrafficEntry> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setId("traffic-table");
        getStyleClass().add("traffic-table");
        setPlaceholder(new Label("No request matches the filters."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        getColumns().add(column("Time", 124, r -> r.request().at(), (e, at) -> vm.time(e.request().at()), null));
        getColumns().add(column("Key", 70, r -> r.request().keyId(), (e, v) -> TrafficText.label(v), null));
        getColumns().add(column("Upstream", 92, r -> r.request().upstream(), (e, v) -> TrafficText.label(v), null));
        getColumns().add(column("Model", 92, r -> r.request().model(), (e, v) -> v, null));
        getColumns().add(column("Status", 66, r -> r.request().status(), (e, v) -> Integer.toString(v), TrafficTable::statusClass));
        getColumns().add(group("Latency (ms)",
                number("Queue", 64, r -> r.request().queueMs(), (e, v) -> TrafficText.ms(v)),
                number("TTFT", 60, r -> r.request().ttftMs().orElse(-1), (e, v) -> TrafficText.ms(e.request().ttftMs())),
                number("E2E", 64, r -> r.request().e2eMs(), (e, v) -> TrafficText.ms(v))));
        getColumns().add(group("Tokens",
                number("In", 54, r -> r.request().tokensIn(), (e, v) -> TrafficText.tokens(v, e.request().estimated())),
                number("Out", 58, r -> r.request().tokensOut(), (e, v) -> TrafficText.tokens(v, e.request().estimated()))));
        getColumns().add(column("Cache", 62, r -> r.request().cacheHit(), (e, v) -> v ? "hit" : TrafficText.NOT_AVAILABLE, null));
        getColumns().add(column("Safety", 70, r -> r.request().safety(), (e, v) -> TrafficText.label(v), TrafficTable::safetyClass));

        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.select(b));
        sorted.addListener((ListChangeListener<TrafficEntry>) c -> vm.selected().ifPresent(e -> {
            if (sorted.contains(e) && getSelectionModel().getSelectedItem() != e) {
                getSelectionModel().select(e);
            }
        }));
    }

    /** A cell's look by its value: a pseudo-class, or null for none. */
    private interface Look<T> {
        PseudoClass of(TrafficEntry e, T value);
    }

    private interface Text<T> {
        String of(TrafficEntry e, T value);
    }

    /** The cell holds the whole entry (a value column cannot see the row's other fields); sorting uses {@code value}. */
    private static <T extends Comparable<? super T>> TableColumn<TrafficEntry, TrafficEntry> column(String title, double width,
            Function<TrafficEntry, T> value, Text<T> text, Look<T> look) {
        TableColumn<TrafficEntry, TrafficEntry> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue()));
        c.setComparator(Comparator.comparing(value));
        c.setMinWidth(width);
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            private PseudoClass shown;
            private final javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();   // a cut model name or path in full

            @Override
            protected void updateItem(TrafficEntry e, boolean empty) {
                super.updateItem(e, empty);
                T v = empty || e == null ? null : value.apply(e);
                String shownText = v == null ? null : text.of(e, v);
                setText(shownText);
                full.setText(shownText);
                setTooltip(shownText == null || shownText.isEmpty() ? null : full);
                PseudoClass now = v == null || look == null ? null : look.of(e, v);
                if (shown != now) {
                    if (shown != null) {
                        pseudoClassStateChanged(shown, false);
                    }
                    if (now != null) {
                        pseudoClassStateChanged(now, true);
                    }
                    shown = now;
                }
            }
        });
        return c;
    }

    private static <T extends Comparable<? super T>> TableColumn<TrafficEntry, TrafficEntry> number(String title, double width,
            Function<TrafficEntry, T> value, Text<T> text) {
        TableColumn<TrafficEntry, TrafficEntry> c = column(title, width, value, text, null);
        c.getStyleClass().add("numeric");
        return c;
    }

    /** Columns under one header naming what they share (their unit), so each keeps a short title. */
    @SafeVarargs
    private static TableColumn<TrafficEntry, TrafficEntry> group(String title, TableColumn<TrafficEntry, TrafficEntry>... columns) {
        TableColumn<TrafficEntry, TrafficEntry> g = new TableColumn<>(title);
        g.getColumns().addAll(columns);
        return g;
    }

    private static PseudoClass statusClass(TrafficEntry e, Integer status) {
        return e.failed() || status >= 500 ? ERROR : status >= 400 ? WARN : OK;
    }

    private static PseudoClass safetyClass(TrafficEntry e, String decision) {
        return decision.equals("blocked") ? ERROR : decision.equals("masked") || decision.equals("review") ? WARN
                : RequestRecord.NONE.equals(decision) ? null : OK;
    }
}
