package io.inferdeck.views.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.ClassifierHead;
import io.inferdeck.safety.classifier.ThresholdCurves;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
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
 * The Safety page's Thresholds tab on a headless stage with a real worker: pick a category and a threshold, see the
 * figures the head's calibration curves expect, save, and the head the filters load carries the new threshold.
 */
@ExtendWith(ApplicationExtension.class)
class SafetyThresholdPaneTest {

    @TempDir
    static Path data;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BackgroundExecutor worker = BackgroundExecutor.threadPool("safety-test", 1);
    private SafetyPaths paths;
    private SafetyService backend;
    private SafetyViewModel vm;

    @Start
    void start(Stage stage) {
        paths = new SafetyPaths(data.resolve("data"), data.resolve("config"));
        backend = new SafetyService(paths, FilterSettings.defaults(), Clock.systemUTC());
        vm = new SafetyViewModel(backend, worker, FxDispatcher.onFxThread(timer), new EngineTarget());
        Scene scene = new Scene(new SafetyView(vm), 1280, 720);
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
    void picksAThresholdShowsTheExpectedTradeOffAndSavesItToTheHeadTheFiltersLoad(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#safety-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().size() - 1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.thresholds().categories().isEmpty());
        ClassifierHead bundled = ClassifierHead.bundled();
        ThresholdCurves curves = ThresholdCurves.of(bundled);
        String category = bundled.categories().get(2);
        double inForce = bundled.heads().get(2).threshold();
        double pick = inForce > 0.85 ? 0.6 : 0.9;

        ComboBox<?> box = robot.lookup("#safety-threshold-category").queryAs(ComboBox.class);
        Slider slider = robot.lookup("#safety-threshold-slider").queryAs(Slider.class);
        robot.interact(() -> box.getSelectionModel().select(2));
        assertThat(slider.getValue()).isEqualTo(inForce);
        assertThat(robot.lookup("#safety-threshold-save").queryAs(Button.class).isDisabled()).isTrue();
        robot.interact(() -> slider.setValue(pick));
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = robot.lookup("#safety-threshold-expected").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(curves.languages(category).size());
        ThresholdModel.Expected zh = vm.thresholds().expected().stream().filter(e -> e.lang().equals("zh")).findFirst().orElseThrow();
        assertThat(zh.picked()).isEqualTo(curves.at(category, "zh", pick).orElseThrow());
        assertThat(zh.inForce()).isEqualTo(curves.at(category, "zh", inForce).orElseThrow());
        String shownRecall = String.format(Locale.ROOT, "%.1f %%", 100 * zh.picked().recall());
        assertThat(robot.lookup("#safety-threshold-expected .table-cell").queryAllAs(Labeled.class))
                .extracting(Labeled::getText).contains(shownRecall);
        LineChart<?, ?> chart = robot.lookup("#safety-threshold-chart").queryAs(LineChart.class);
        assertThat(chart.getData()).hasSize(curves.languages(category).size());
        screenshot(robot, "safety-thresholds.png");

        robot.clickOn("#safety-threshold-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.thresholds().summaryProperty().get().startsWith("Saved"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.isRegularFile(paths.userHead())).isTrue();
        ClassifierHead saved = ClassifierHead.read(paths.userHead());
        assertThat(saved.heads().get(2).threshold()).isEqualTo(pick);
        assertThat(saved.heads().get(1).threshold()).isEqualTo(bundled.heads().get(1).threshold());
        assertThat(vm.thresholds().inForceProperty().get()).isEqualTo(pick);
        assertThat(robot.lookup("#safety-threshold-save").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#safety-threshold-summary").queryAs(Label.class).getText()).contains(paths.userHead().toString());
    }

    private static void screenshot(FxRobot robot, String name) throws Exception {
        var image = robot.capture(robot.lookup("#page-safety").<javafx.scene.Node>query()).getImage();
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
