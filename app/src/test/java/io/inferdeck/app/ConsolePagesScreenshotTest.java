package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.views.shell.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.input.KeyCode;
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
 * Screenshots of every page of the real console (engine autostarted on the embedded default model) at
 * 1280×720 and 1920×1080, light and dark, into {@code app/target/screens/} — for a person to look at
 * before and after a change. Runs only on request, on a headless screen large enough for 1920×1080:
 * {@code ./mvnw -B -o -pl app -am verify -Dtest=ConsolePagesScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dinferdeck.docs=true "-Dsurefire.extraArgs=-Dtestfx.robot=glass -Dtestfx.headless=true -Dglass.platform=Monocle
 * -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1920x1080-32 -Djava.awt.headless=true"}
 */
@EnabledIfSystemProperty(named = "inferdeck.docs", matches = "true")
class ConsolePagesScreenshotTest {
    private static final int[][] SIZES = {{1280, 720}, {1920, 1080}};

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
    void everyPageAtBothSizesInBothThemes() throws Exception {
        System.setProperty("inferdeck.autostart", "true");
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new InferDeckApp(config));
        WaitForAsyncUtils.sleep(15, TimeUnit.SECONDS);   // the engine starts and the samplers fill the charts
        for (String theme : new String[] {"light", "dark"}) {
            for (int[] size : SIZES) {
                robot.interact(() -> {
                    stage.setX(0);
                    stage.setY(0);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                for (Section section : Section.values()) {
                    robot.clickOn("#nav-" + section.id());
                    WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
                    capture(stage, Path.of("target", "screens",
                            section.id() + "-" + size[0] + "x" + size[1] + "-" + theme + ".png"));
                }
            }
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private void capture(Stage stage, Path out) throws Exception {
        var image = robot.capture(stage.getScene().getRoot()).getImage();
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
