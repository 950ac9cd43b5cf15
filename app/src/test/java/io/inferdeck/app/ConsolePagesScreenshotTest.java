package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screenshots of every page of the real console, filled as in {@link ConsoleScenario} (engine on the embedded default
 * model, requests through its gateway, a chat, the starter safety suite), at 1280×720 and 1920×1080, light and dark,
 * into {@code app/target/screens/{page}-{W}x{H}-{theme}.png} — for a person to look at before and after a change;
 * the Traffic page is also shot before any request ({@code traffic-empty-…}). Runs only on request, on a headless
 * screen large enough for 1920×1080:
 * {@code XDG_DATA_HOME=/tmp/shots ./mvnw -B -o -pl app -am verify -Dtest=ConsolePagesScreenshotTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dinferdeck.docs=true "-Dsurefire.extraArgs=-Dtestfx.robot=glass
 * -Dtestfx.headless=true -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 * -Dheadless.geometry=1920x1080-32 -Djava.awt.headless=true -Dtestfx.setup.timeout=120000"} (a long setup timeout:
 * on a busy machine the console takes over 10 s to come up). The layout itself is checked by {@link ConsoleFitUiTest}.
 */
@EnabledIfSystemProperty(named = "inferdeck.docs", matches = "true")
class ConsolePagesScreenshotTest {
    @TempDir
    Path config;
    @TempDir
    Path home;

    private ConsoleScenario scenario;

    @AfterEach
    void stop() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void everyPageAtBothSizesInBothThemes() throws Exception {
        scenario = new ConsoleScenario(home, config);
        Stage stage = scenario.start();
        capture(stage, "traffic-empty-1280x720-light.png");   // start() leaves the empty Traffic page showing
        scenario.fill();
        scenario.eachPage((section, width, height, theme) ->
                capture(stage, section.id() + "-" + width + "x" + height + "-" + theme + ".png"));
    }

    private void capture(Stage stage, String name) throws Exception {
        Path out = Path.of("target", "screens", name);
        var image = scenario.robot().capture(stage.getScene().getRoot()).getImage();
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
