package io.inferdeck.views.keys;

import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Columns of the Keys page's tables: each cell holds its whole row, sorts by a value (numbers as numbers) and only formats. */
final class Columns {
    static final PseudoClass REVOKED = PseudoClass.getPseudoClass("revoked");

    private Columns() {
    }

    static <R, T extends Comparable<? super T>> TableColumn<R, R> of(String title, double width, Function<R, T> value,
                                                                      Function<R, String> text) {
        TableColumn<R, R> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue()));
        c.setComparator(Comparator.comparing(value));
        c.setMinWidth(width);
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
        return c;
    }

    static <R, T extends Comparable<? super T>> TableColumn<R, R> number(String title, double width, Function<R, T> value,
                                                                          Function<R, String> text) {
        TableColumn<R, R> c = of(title, width, value, text);
        c.getStyleClass().add("numeric");
        return c;
    }

    /** Columns under one header naming what they share, so each keeps a short title. */
    @SafeVarargs
    static <R> TableColumn<R, R> group(String title, TableColumn<R, R>... columns) {
        TableColumn<R, R> g = new TableColumn<>(title);
        g.getColumns().addAll(columns);
        return g;
    }
}
