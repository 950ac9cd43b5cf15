package io.inferdeck.views.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Safety page on a headless (Monocle) stage with the real threads: a background worker runs the
 * starter suite filter-only and results come back through the FX dispatcher. Screenshots go to target/.
 */
@ExtendWith(ApplicationExtension.class)
class SafetyViewTest {

    @TempDir
    static Path data;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BackgroundExecutor worker = BackgroundExecutor.threadPool("safety-test", 1);
    private SafetyService backend;
    private SafetyViewModel vm;

    @Start
    void start(Stage stage) {
        backend = new SafetyService(new SafetyPaths(data.resolve("data"), data.resolve("config")), FilterSettings.defaults(),
                Clock.systemUTC());
        vm = new SafetyViewModel(backend, worker, FxDispatcher.onFxThread(timer), new EngineTarget());
        Scene scene = new Scene(new SafetyView(vm), 1440, 900);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        worker.close();
        backend.close();
        timer.shutdownNow();
    }

    @Test
    void runsTheStarterSuiteWithProgressAndShowsResults(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.selectedSuiteProperty().get() != null);
        robot.clickOn("#safety-run");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        int cases = StarterSuite.load().cases().size();
        assertThat(robot.lookup("#safety-recall").queryAs(Label.class).getText()).matches("\\d\\.\\d{3}");
        assertThat(robot.lookup("#safety-fpr").queryAs(Label.class).getText()).matches("\\d\\.\\d{3}");
        assertThat(robot.lookup("#safety-categories").queryAs(TableView.class).getItems()).isNotEmpty();
        assertThat(robot.lookup("#safety-status").queryAs(Label.class).getText()).startsWith("Finished " + cases);
        var chart = robot.lookup("#safety-chart").queryAs(javafx.scene.chart.BarChart.class);
        assertThat(((javafx.scene.chart.XYChart.Series<?, ?>) chart.getData().getFirst()).getData()).isNotEmpty();
        assertThat(robot.lookup("#safety-chart .chart-bar").queryAll()).isNotEmpty();
        screenshot(robot, "safety.png");

        TabPane tabs = robot.lookup("#safety-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        TableView<?> table = robot.lookup("#safety-cases").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(cases);
        int pii = 0;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (!((CaseRow) table.getItems().get(i)).result().redacted().isEmpty()) {
                pii = i;
                break;
            }
        }
        int row = pii;
        robot.interact(() -> {
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.cases().detailProperty().get() != null
                && !vm.cases().detailProperty().get().verdicts().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".safety-span").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".safety-verdict").queryAll()).isNotEmpty();
        screenshot(robot, "safety-cases.png");
    }

    private static void screenshot(FxRobot robot, String name) throws Exception {
        var image = robot.capture(robot.lookup("#page-safety").<javafx.scene.Node>query()).getImage();
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
