package io.inferdeck.views.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import io.inferdeck.services.dashboard.DashboardExporter;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Eight GPU cards with long product names, laid out wide (titles on one line), taken off the scene as the console does
 * when another page shows, and shown again narrow (titles on two or three lines): the cards' grid grows with the
 * wrapped titles in the same layout pass, and the scrolled page body grows with it, so no card hangs out of its grid
 * and the body is never lower than it needs (the console's 1920×1080 → 1280×720 resize).
 */
@ExtendWith(ApplicationExtension.class)
class DashboardResizeTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path exports;

    private final DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());
    private final StackPane content = new StackPane();
    private DashboardView view;

    @Start
    void start(Stage stage) {
        view = new DashboardView(vm, new DashboardExporter(exports, Runnable::run, Clock.systemUTC()));
        content.getChildren().add(view);
        Scene scene = new Scene(content, 1690, 1050);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    private static GpuSnapshot eightGpus() {
        GpuSnapshot.Builder b = GpuSnapshot.builder().at(T0).state(SourceState.ok("test"));
        for (int i = 0; i < 8; i++) {
            String name = i == 5 ? "NVIDIA RTX PRO 6000 Blackwell Server Edition" : "NVIDIA H100 80GB HBM3";
            b.gpu(GpuReading.builder(i).name(name).memoryTotalBytes(80L << 30).memoryUsedBytes(12L << 30)
                    .gpuUtilizationPercent(40).temperatureCelsius(50).powerMilliwatts(200_000L).powerLimitMilliwatts(700_000L)
                    .build());
        }
        return b.build();
    }

    @Test
    void cardsAndBodyGrowWithTitlesThatWrapAfterTheWindowNarrowed(FxRobot robot) {
        robot.interact(() -> vm.acceptGpu(eightGpus()));
        robot.interact(() -> content.getChildren().clear());   // another page shows
        robot.interact(() -> robot.window(0).setWidth(1056));
        robot.interact(() -> robot.window(0).setHeight(690));
        robot.interact(() -> content.getChildren().add(view));
        robot.interact(() -> {
            content.getScene().getRoot().applyCss();
            content.getScene().getRoot().layout();
        });
        List<String> outside = new ArrayList<>();
        double[] body = new double[2];
        robot.interact(() -> {
            Pane grid = (Pane) view.lookup(".dashboard-gpus");
            for (Node card : grid.getChildren()) {
                Bounds b = card.getBoundsInParent();
                if (b.getMaxY() > grid.getHeight() + 1) {
                    outside.add(card.getId() + " ends at " + b.getMaxY() + " in a grid " + grid.getHeight() + " px high");
                }
            }
            Region page = (Region) view.lookup(".dashboard-body").getParent();   // the scrolled body: toolbar and dashboard
            body[0] = page.getHeight();
            body[1] = page.minHeight(page.getWidth());
        });
        assertThat(view.lookup(".dashboard-gpus").lookupAll(".gpu-card")).hasSize(8);
        assertThat(outside).as("cards outside their grid").isEmpty();
        assertThat(body[0] + 1).as("page body height against its minimum").isGreaterThanOrEqualTo(body[1]);
    }
}
