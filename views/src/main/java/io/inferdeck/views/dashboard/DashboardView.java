package io.inferdeck.views.dashboard;

import io.inferdeck.views.common.Fit;
import java.util.List;
import javafx.scene.layout.Region;
import io.inferdeck.services.dashboard.DashboardExporter;
import io.inferdeck.views.common.SectionPage;
import io.inferdeck.views.shell.Section;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Dashboard: big-number tiles, one card per GPU, and live charts on a shared time axis. Every
 * figure comes from the {@link DashboardViewModel}; this class only lays out and binds. Wall mode
 * ({@code F11} or {@code Ctrl+Shift+W}) opens a {@link WallStage}: full screen, large type, no controls.
 */
public final class DashboardView extends SectionPage {

    static final PseudoClass WALL = PseudoClass.getPseudoClass("wall");
    static final int GPU_COLUMNS = 4;

    private final DashboardViewModel vm;
    private final DashboardBody body;
    private WallStage wallStage;

    /** @param exporter saves the CSV/PNG exports (off the FX thread) */
    public DashboardView(DashboardViewModel vm, DashboardExporter exporter) {
        this(vm, new DashboardBody(vm, false), exporter);
    }

    private DashboardView(DashboardViewModel vm, DashboardBody body, DashboardExporter exporter) {
        super(Section.DASHBOARD.id(), Section.DASHBOARD.title(),
                "Live health of the engine and the GPUs it runs on.",
                withToolbar(vm, body, exporter));
        this.vm = vm;
        this.body = body;
        getStyleClass().add("dashboard");
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        sceneProperty().subscribe(scene -> {
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
            }
        });
        vm.wallModeProperty().subscribe(this::showWall);
    }

    private void onKey(KeyEvent e) {
        if (!e.isConsumed() && isToggleKey(e) && isVisible() && getScene() != null && wallStage == null) {
            vm.toggleWallMode();
            e.consume();
        }
    }

    static boolean isToggleKey(KeyEvent e) {
        return e.getCode() == KeyCode.F11
                || (e.getCode() == KeyCode.W && e.isShortcutDown() && e.isShiftDown());
    }

    private void showWall(boolean wall) {
        if (wall && wallStage == null && getScene() != null) {
            wallStage = new WallStage(vm, getScene());
            wallStage.setOnHidden(e -> {
                wallStage = null;
                if (vm.wallModeProperty().get()) {
                    vm.toggleWallMode();
                }
            });
            wallStage.show();
        } else if (!wall && wallStage != null) {
            WallStage closing = wallStage;
            wallStage = null;
            closing.close();
        }
    }

    DashboardBody body() {
        return body;
    }

    /** The wall stage while wall mode is on (for tests); null otherwise. */
    WallStage wallStage() {
        return wallStage;
    }

    private static Node withToolbar(DashboardViewModel vm, DashboardBody body, DashboardExporter exporter) {
        ComboBox<ChartWindow> window = new ComboBox<>();
        window.getItems().setAll(ChartWindow.values());
        window.valueProperty().bindBidirectional(vm.windowProperty());
        window.setId("dashboard-window");
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("dashboard-pause");
        pause.setOnAction(e -> vm.togglePaused());
        pause.textProperty().bind(vm.pausedProperty().map(p -> p ? "Resume" : "Pause"));
        Label status = new Label();
        status.getStyleClass().add("dashboard-export-status");
        status.setId("dashboard-export-status");
        status.textProperty().bind(vm.exportStatusProperty());
        DashboardExport export = new DashboardExport(vm, body, exporter);
        Button csv = new Button("Export CSV");
        csv.setId("dashboard-export-csv");
        csv.setOnAction(e -> export.csv());
        Button png = new Button("Export PNG");
        png.setId("dashboard-export-png");
        png.setOnAction(e -> export.png());
        Button wall = new Button("Wall mode (F11)");
        wall.setId("dashboard-wall");
        wall.setOnAction(e -> vm.toggleWallMode());
        Label engine = new Label();
        engine.getStyleClass().add("dashboard-engine-message");
        engine.setId("dashboard-engine-message");
        engine.textProperty().bind(vm.engineMessageProperty());
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // buttons keep their labels; the two messages give way first, their full text in a tooltip (the engine line
        // may: the tiles still say each figure's source)
        for (Region keep : List.of(window, pause, csv, png, wall)) {
            Fit.keepWidth(keep);
        }
        Fit.shrinkWithTooltip(engine);
        Fit.shrinkWithTooltip(status);
        HBox toolbar = new HBox(8, Fit.keepWidth(new Label("Window")), window, pause, engine, spacer, status, csv, png, wall);
        toolbar.getStyleClass().add("dashboard-toolbar");
        toolbar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox.setVgrow(body, Priority.ALWAYS);
        return new VBox(10, toolbar, body);
    }

    /** Constraints for an even grid. */
    static void evenColumns(GridPane grid, int columns) {
        for (int i = 0; i < columns; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / columns);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
    }

    static StackPane framed(Node node) {
        StackPane frame = new StackPane(node);
        frame.getStyleClass().addAll("card", "chart-card");
        return frame;
    }
}
