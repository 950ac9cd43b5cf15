package io.inferdeck.views.common;

import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * The console's two answers to a crowded row (issue 17): what must stay readable (buttons, figures, headers) keeps
 * its preferred width, and only free text (status lines, names, paths) may shrink to "…" — then with its full text
 * in a tooltip, which the layout test accepts instead of the cut text.
 */
public final class Fit {
    private static final double HEADER_BOLD = 1.15;      // the header font is bolder than the measuring text's
    private static final double HEADER_PADDING = 26;     // label padding (about 7 px a side) and the sort arrow (12 px)

    private Fit() {
    }

    /** Never narrower than its preferred width: a button or figure is never cut to "…". */
    public static <T extends Region> T keepWidth(T region) {
        region.setMinWidth(Region.USE_PREF_SIZE);
        return region;
    }

    /** May shrink to nothing; whenever it has text, its tooltip shows all of it. */
    public static <T extends Labeled> T shrinkWithTooltip(T labeled) {
        labeled.setMinWidth(0);
        Tooltip full = new Tooltip();
        full.setWrapText(true);
        full.setMaxWidth(640);
        full.textProperty().bind(labeled.textProperty());
        labeled.tooltipProperty().bind(labeled.textProperty().map(t -> t.isEmpty() ? null : full));
        return labeled;
    }

    /** Cell padding around a cell's text, for sizing a column to its content. */
    public static final double CELL_PADDING = 24;

    /**
     * A column at least as wide as its header text (with padding and sort arrow), so the header is never cut, and
     * as wide as the widest of {@code samples} (cell texts of a fixed shape, such as "0.000").
     */
    public static <S, T> TableColumn<S, T> headerWidth(TableColumn<S, T> column, String... samples) {
        double width = headerWidth(column.getText());
        for (String sample : samples) {
            width = Math.max(width, textWidth(sample) + CELL_PADDING);
        }
        column.setMinWidth(Math.max(column.getMinWidth(), width));
        return column;
    }

    /** Cells that show their text and, when it is cut at the column's width, all of it in a tooltip. */
    public static <S> TableColumn<S, String> tooltipCells(TableColumn<S, String> column) {
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip full = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                full.setText(item);
                setTooltip(empty || item == null || item.isEmpty() ? null : full);
            }
        });
        return column;
    }

    /** The width a header with {@code title} needs. */
    public static double headerWidth(String title) {
        return textWidth(title) * HEADER_BOLD + HEADER_PADDING;
    }

    /** The width of {@code s} in the default font (an estimate for sizing columns before they are shown). */
    public static double textWidth(String s) {
        return new Text(s).getLayoutBounds().getWidth();
    }
}
