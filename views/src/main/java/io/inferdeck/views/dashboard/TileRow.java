package io.inferdeck.views.dashboard;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Dashboard's tiles in as few rows as fit, each row split into even columns: a tile needs the width of
 * its label and its figure (its note wraps instead), and never less than {@value #MIN_TILE_WIDTH} px, so a
 * figure is never cut to "…". Rows are as even as possible, the earlier ones taking the extra tile (9 tiles
 * on a 1280 px window read 5 + 4, not 3 + 3 + 3; 7 in 5 columns would read worse than 4 + 3), and a row whose
 * widest tile does not fit its share means one row more (a GPU box's "247.3 / 637 GiB" needs more than "n/a").
 */
final class TileRow extends VBox {

    static final double MIN_TILE_WIDTH = 170;
    private static final double GAP = 10;

    private final List<Tile> tiles;
    private List<Integer> rows = List.of();

    TileRow(List<Tile> tiles) {
        super(GAP);
        this.tiles = tiles;
        getStyleClass().add("dashboard-tiles");
        tiles.forEach(t -> t.setMaxWidth(Double.MAX_VALUE));
        arrange(0);
    }

    /** Re-arranged here rather than in a width listener, so the parent sizes the rows for their new shape. */
    @Override
    protected void layoutChildren() {
        if (arrange(getWidth() - snappedLeftInset() - snappedRightInset())) {
            requestParentLayout();
        }
        super.layoutChildren();
    }

    /** True when the rows changed. */
    private boolean arrange(double width) {
        List<Integer> wanted = width <= 0 ? List.of(tiles.size()) : plan(width);
        if (wanted.equals(rows)) {
            return false;
        }
        rows = wanted;
        List<GridPane> grids = new ArrayList<>();
        int next = 0;
        for (int count : rows) {
            GridPane row = new GridPane();
            row.getStyleClass().add("dashboard-tile-row");
            row.setHgap(GAP);
            DashboardView.evenColumns(row, count);
            for (int c = 0; c < count; c++) {
                Tile t = tiles.get(next++);
                GridPane.setHgrow(t, Priority.ALWAYS);
                row.add(t, c, 0);
            }
            grids.add(row);
        }
        getChildren().setAll(grids);
        return true;
    }

    /** Tiles per row: the fewest rows in which every tile gets the width it needs. */
    private List<Integer> plan(double width) {
        for (int r = 1; r < tiles.size(); r++) {
            List<Integer> counts = even(tiles.size(), r);
            if (fits(counts, width)) {
                return counts;
            }
        }
        return even(tiles.size(), tiles.size());
    }

    /** {@code n} split into {@code r} counts differing by at most one, the larger first. */
    static List<Integer> even(int n, int r) {
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            counts.add(n / r + (i < n % r ? 1 : 0));
        }
        return counts;
    }

    private boolean fits(List<Integer> counts, double width) {
        int next = 0;
        for (int count : counts) {
            double share = (width - GAP * (count - 1)) / count;
            for (int c = 0; c < count; c++) {
                if (Math.max(MIN_TILE_WIDTH, tiles.get(next++).neededWidth()) > share) {
                    return false;
                }
            }
        }
        return true;
    }
}
