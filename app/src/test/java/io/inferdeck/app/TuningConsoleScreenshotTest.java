package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.services.tuning.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Produces docs/tuning.png from the real console with the engine autostarted on the embedded default model:
 * creates the Q8_0 variant from the page, runs "Apply & measure", then a sweep of Q8_0,Q4_0 × parallel 1,2,4 judged
 * against an SLO of P95 e2e and TTFT ≤ 4 s (what 2 CPU cores reach with 4 streams).
 * Minutes of real load, so it runs only on request, with a throw-away data dir:
 * {@code XDG_DATA_HOME=/tmp/inferdeck-docs ./mvnw -B -o -pl views,app -am verify -Dtest=TuningConsoleScreenshotTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dinferdeck.docs=true}
 */
@EnabledIfSystemProperty(named = "inferdeck.docs", matches = "true")
class TuningConsoleScreenshotTest {
    @TempDir
    Path config;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sweepFromTheConsoleTuningPage() throws Exception {
        System.setProperty("inferdeck.autostart", "true");
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new InferDeckApp(config));
        robot.interact(() -> {   // the headless screen's size: room for the sweep table and chart together
            stage.setWidth(1440);
            stage.setHeight(900);
        });
        robot.clickOn("#nav-tuning");
        ComboBox<Variant> quant = robot.lookup("#tuning-quant").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> quant.getValue() != null && quant.getValue().quant().equals("Q4_0")
                && quant.getItems().stream().anyMatch(v -> v.quant().equals("Q8_0")));

        Variant q8 = quant.getItems().stream().filter(v -> v.quant().equals("Q8_0")).findFirst().orElseThrow();
        if (!q8.exists()) {
            robot.interact(() -> quant.setValue(q8));
            robot.clickOn("#tuning-create");
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> quant.getValue() != null && quant.getValue().exists()
                    && quant.getValue().quant().equals("Q8_0"));
            robot.interact(() -> quant.setValue(quant.getItems().stream().filter(v -> v.quant().equals("Q4_0")).findFirst().orElseThrow()));
        }

        robot.clickOn("#tuning-apply-measure");
        Label figures = robot.lookup("#tuning-measure-figures").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !figures.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        capture(stage, Path.of("target", "tuning-console-profile.png"));

        robot.clickOn("Sweep");
        robot.interact(() -> {
            robot.lookup("#sweep-quants").queryAs(TextField.class).setText("Q8_0,Q4_0");
            robot.lookup("#sweep-parallels").queryAs(TextField.class).setText("1,2,4");
            robot.lookup("#sweep-seconds").queryAs(TextField.class).setText("4");
            // 2 CPU cores and 4 streams queue for seconds: an SLO this machine can meet, shown on the page
            robot.lookup("#sweep-slo-e2e").queryAs(TextField.class).setText("4000");
            robot.lookup("#sweep-slo-ttft").queryAs(TextField.class).setText("4000");
        });
        robot.clickOn("#sweep-run");
        Label rec = robot.lookup("#sweep-recommendation").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(400, TimeUnit.SECONDS, () -> !rec.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        capture(stage, Path.of("..", "docs", "tuning.png"));
        robot.clickOn("History");
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        capture(stage, Path.of("target", "tuning-console-history.png"));
    }

    private void capture(Stage stage, Path out) throws Exception {
        var image = robot.capture(stage.getScene().getRoot()).getImage();
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
