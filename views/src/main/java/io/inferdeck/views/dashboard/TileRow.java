package io.inferdeck.views.dashboard;

import java.util.List;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * The Dashboard's tiles in as many even columns as fit at {@value #MIN_TILE_WIDTH} px each (more where the widest
 * figure needs more): one row where all fit, else rows as even as possible, so a figure is never cut to "…".
 */
final class TileRow extends GridPane {

    static final double MIN_TILE_WIDTH = 230;   // four across at 1280 px, beside the page's scroll bar

    private final List<Tile> tiles;
    private int columns;

    TileRow(List<Tile> tiles) {
        this.tiles = tiles;
        getStyleClass().add("dashboard-tiles");
        setHgap(10);
        setVgap(10);
        tiles.forEach(t -> t.setMaxWidth(Double.MAX_VALUE));
        arrange(0);
    }

    /** Re-arranged here rather than in a width listener, so the parent sizes the row for its new shape. */
    @Override
    protected void layoutChildren() {
        if (arrange(getWidth())) {
            requestParentLayout();
        }
        super.layoutChildren();
    }

    /** True when the columns changed. */
    private boolean arrange(double width) {
        double tileWidth = Math.max(MIN_TILE_WIDTH, tiles.stream().mapToDouble(t -> t.minWidth(-1)).max().orElse(0));
        int fit = width <= 0 ? tiles.size() : (int) Math.max(1, (width + getHgap()) / (tileWidth + getHgap()));
        // fewest rows, then as even as possible: 7 tiles in 5 columns read worse than 4 + 3
        int rows = (tiles.size() + Math.min(fit, tiles.size()) - 1) / Math.min(fit, tiles.size());
        int wanted = (tiles.size() + rows - 1) / rows;
        if (wanted == columns) {
            return false;
        }
        columns = wanted;
        getChildren().clear();
        getColumnConstraints().clear();
        DashboardView.evenColumns(this, columns);
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            GridPane.setHgrow(t, Priority.ALWAYS);
            add(t, i % columns, i / columns);
        }
        return true;
    }
}
