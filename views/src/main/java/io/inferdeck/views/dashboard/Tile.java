package io.inferdeck.views.dashboard;

import io.inferdeck.control.metrics.FigureSource;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A big-number tile bound to a {@link TileViewModel}; SLO level, n/a and a gateway-measured figure are
 * pseudo-classes. The note shows what the figure rests on and who measured it on lines of their own, and wraps
 * rather than widening the tile.
 */
final class Tile extends VBox {

    private static final PseudoClass UNAVAILABLE = PseudoClass.getPseudoClass("unavailable");
    private static final PseudoClass VIA_GATEWAY = PseudoClass.getPseudoClass("via-gateway");
    private final Label label;
    private final HBox figure;

    Tile(TileViewModel vm) {
        getStyleClass().addAll("card", "tile", "dashboard-tile");
        label = new Label(vm.label());
        label.getStyleClass().add("tile-label");
        Label value = new Label();
        value.getStyleClass().add("tile-value");
        value.textProperty().bind(vm.valueProperty());
        value.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // a figure is never cut: the row gives it room
        Label unit = new Label(vm.unit());
        unit.getStyleClass().add("tile-unit");
        figure = new HBox(6, value, unit);
        figure.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        Label note = new Label();
        note.getStyleClass().add("tile-note");
        note.textProperty().bind(vm.noteProperty().map(t -> t.replace(" · ", "\n")));   // basis, then who measured it
        note.setWrapText(true);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // a second line rather than "…"
        note.visibleProperty().bind(vm.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        getChildren().addAll(label, figure, note);
        vm.availableProperty().subscribe(a -> value.pseudoClassStateChanged(UNAVAILABLE, !a));
        vm.sourceProperty().subscribe(s -> pseudoClassStateChanged(VIA_GATEWAY,
                s.filter(FigureSource.GATEWAY::equals).isPresent()));
        vm.levelProperty().subscribe((old, now) -> {
            if (old != null) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(old.pseudoClass()), false);
            }
            pseudoClassStateChanged(PseudoClass.getPseudoClass(now.pseudoClass()), true);
        });
        pseudoClassStateChanged(PseudoClass.getPseudoClass(vm.levelProperty().get().pseudoClass()), true);
        setId("tile-" + vm.label().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    }

    /** The width this tile needs to show its label and figure uncut (its note wraps); with CSS applied. */
    double neededWidth() {
        return snappedLeftInset() + snappedRightInset() + Math.max(label.prefWidth(-1), figure.prefWidth(-1));
    }
}
