package io.inferdeck.views.dashboard;

import io.inferdeck.views.common.Fit;
import io.inferdeck.views.common.WrappingText;
import java.util.Comparator;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * One GPU's card: title, state, a memory bar whose engine share is drawn as an inner band, and
 * util / temperature / power. Bound to one {@link GpuCardViewModel}; state via pseudo-classes only.
 */
final class GpuCard extends VBox {

    private static final PseudoClass LOST = PseudoClass.getPseudoClass("lost");
    private static final PseudoClass NA = PseudoClass.getPseudoClass("unavailable");
    private static final int MAX_ROWS = 3;

    GpuCard(GpuCardViewModel vm) {
        getStyleClass().addAll("card", "gpu-card");
        // the title wraps (a card's column width never cuts a product name); the state gives way, in full in its tooltip
        WrappingText title = new WrappingText("gpu-card-title");
        title.textProperty().bind(vm.titleProperty());
        title.setMaxWidth(Double.MAX_VALUE);
        Tooltip full = new Tooltip();   // UUID and PCI bus id as well
        full.textProperty().bind(vm.detailsProperty());
        Tooltip.install(title, full);
        Label state = Fit.shrinkWithTooltip(new Label());
        state.getStyleClass().add("gpu-card-state");
        state.textProperty().bind(vm.statusTextProperty());

        Pane track = new Pane();
        track.getStyleClass().add("gpu-mem-track");
        Rectangle used = new Rectangle();
        used.getStyleClass().add("gpu-mem-used");
        Rectangle engine = new Rectangle();
        engine.getStyleClass().add("gpu-mem-engine");
        used.heightProperty().bind(track.heightProperty());
        engine.heightProperty().bind(track.heightProperty());
        used.widthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> track.getWidth() * Math.max(0, vm.usedFractionProperty().get()),
                track.widthProperty(), vm.usedFractionProperty()));
        engine.widthProperty().bind(track.widthProperty().multiply(vm.engineFractionProperty()));
        track.getChildren().addAll(used, engine);
        track.setMinHeight(10);
        track.setPrefHeight(10);
        StackPane bar = new StackPane(track);

        Label memory = new Label();
        memory.getStyleClass().add("gpu-card-memory");
        memory.textProperty().bind(vm.memoryTextProperty());
        Label engineShare = new Label();
        engineShare.getStyleClass().add("gpu-card-engine");
        engineShare.textProperty().bind(vm.engineTextProperty());
        Pane spacer2 = new Pane();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        HBox memoryRow = new HBox(8, memory, spacer2, engineShare);

        GridPane stats = new GridPane();
        stats.getStyleClass().add("gpu-card-stats");
        stats.setHgap(18);
        addStat(stats, 0, "util", vm.utilTextProperty());
        addStat(stats, 1, "temp", vm.tempTextProperty());
        addStat(stats, 2, "power", vm.powerTextProperty());

        VBox holders = new VBox(2);
        holders.getStyleClass().add("gpu-card-processes");
        vm.processesProperty().subscribe(rows -> showProcesses(holders, rows));

        getChildren().addAll(title, state, bar, memoryRow, stats, holders);
        vm.stateProperty().subscribe(s -> {
            pseudoClassStateChanged(LOST, s == GpuCardViewModel.State.LOST);
            pseudoClassStateChanged(NA, s == GpuCardViewModel.State.NOT_AVAILABLE);
        });
        vm.memoryLevelProperty().subscribe((old, now) -> {
            if (old != null) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(old.pseudoClass()), false);
            }
            pseudoClassStateChanged(PseudoClass.getPseudoClass(now.pseudoClass()), true);
        });
        pseudoClassStateChanged(PseudoClass.getPseudoClass(vm.memoryLevelProperty().get().pseudoClass()), true);
    }

    /** Who holds the GPU: up to {@value #MAX_ROWS} processes, engines first; the full line in a tooltip. */
    private static void showProcesses(VBox box, List<GpuProcessRow> rows) {
        List<GpuProcessRow> sorted = rows.stream()
                .sorted(Comparator.comparing((GpuProcessRow r) -> !r.isEngine())).toList();
        box.getChildren().clear();
        for (GpuProcessRow r : sorted.subList(0, Math.min(MAX_ROWS, sorted.size()))) {
            Label line = new Label(r.summary());
            line.getStyleClass().add(r.isEngine() ? "gpu-process-engine" : "gpu-process");
            line.setMinWidth(0);
            line.setTooltip(new Tooltip(r.command()));
            box.getChildren().add(line);
        }
        if (sorted.size() > MAX_ROWS) {
            Label more = new Label("+" + (sorted.size() - MAX_ROWS) + " more");
            more.getStyleClass().add("gpu-process");
            box.getChildren().add(more);
        }
    }

    private static void addStat(GridPane grid, int column, String name,
                                javafx.beans.value.ObservableValue<String> value) {
        Label label = new Label(name);
        label.getStyleClass().add("gpu-stat-label");
        Label figure = new Label();
        figure.getStyleClass().add("gpu-stat-value");
        figure.textProperty().bind(value);
        grid.add(label, column, 0);
        grid.add(figure, column, 1);
    }
}
