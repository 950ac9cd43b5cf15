package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.app.settings.ConsoleSettings;
import io.inferdeck.app.settings.SettingsStore;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.shell.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.testfx.api.FxToolkit;

/**
 * Starts the real console (headless Monocle) against a temporary config dir, walks every section,
 * switches theme, writes a screenshot to target/, and checks what was persisted on exit.
 */
class ConsoleAppUiTest {

    @TempDir
    Path config;

    private final FxRobot robot = new FxRobot();
    private Application app;

    private Stage start() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new InferDeckApp(config));
        return stage;
    }

    @AfterEach
    void stopIfRunning() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            app = null;
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void navigatesEverySectionSwitchesThemeAndRemembersIt() throws Exception {
        Stage stage = start();
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("tokens-light.css"));

        for (Section section : Section.values()) {
            robot.clickOn("#nav-" + section.id());
            Node page = robot.lookup("#page-" + section.id()).query();
            assertThat(page.isVisible() && page.getScene() == stage.getScene()).isTrue();
            if (section == Section.ENGINE) {   // auto-start is off in tests: the engine page shows it stopped
                assertThat(robot.from(page).lookup("#engine-state").queryAs(Label.class).getText()).isEqualTo("Stopped");
                assertThat(robot.from(page).lookup("#engine-start").query().isDisabled()).isFalse();
                // the picker lists the built-in default once the engine-supervisor thread has read the profiles dir
                javafx.scene.control.ComboBox<?> picker = robot.from(page).lookup("#engine-profile").queryAs(javafx.scene.control.ComboBox.class);
                WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !picker.getItems().isEmpty());
                assertThat(robot.from(page).lookup("#engine-log-level").tryQuery()).isPresent();
            } else if (section == Section.SAFETY) {   // suite runs are covered by views' SafetyViewTest
                assertThat(robot.from(page).lookup("#safety-run").tryQuery()).isPresent();
            } else if (section == Section.TUNING) {   // sweeps are covered by views' TuningViewTest
                assertThat(robot.from(page).lookup("#tuning-apply").tryQuery()).isPresent();
            } else if (section == Section.MODELS) {   // discovery and Run are covered by ModelsRunUiTest
                assertThat(robot.from(page).lookup("#models-table").tryQuery()).isPresent();
            } else if (section == Section.KEYS) {   // adding and revoking are covered by views' KeysViewTest
                assertThat(robot.from(page).lookup("#keys-add").tryQuery()).isPresent();
            } else if (section == Section.FLEET) {   // reading Prometheus is covered by views' FleetViewModelTest and services' fleet tests
                assertThat(robot.from(page).lookup("#fleet-refresh").tryQuery()).isPresent();
                assertThat(robot.from(page).lookup("#fleet-message").queryAs(Label.class).getText()).contains("Refresh");
            } else if (section == Section.DASHBOARD) {
                assertThat(robot.from(page).lookup("#dashboard-window").tryQuery()).isPresent();
            } else {
                assertThat(robot.from(page).lookup(".empty-state-title").queryAs(Label.class).getText()).isNotBlank();
            }
            assertThat(stage.getTitle()).isEqualTo("InferDeck — " + section.title());
        }

        robot.clickOn("#about-open");   // the About window: this build's facts and the (here empty) plugin list
        Node about = robot.lookup("#about").query();
        assertThat(robot.from(about).lookup(".about-fact").queryAllAs(Label.class)).extracting(Label::getText)
                .hasSize(4).first().asString().startsWith("InferDeck ");
        assertThat(robot.from(about).lookup("#about-plugins").tryQuery()).isPresent();
        robot.interact(() -> ((Stage) about.getScene().getWindow()).close());
        assertThat(robot.lookup("#status-engine .label").queryAs(Label.class).getText()).isEqualTo("Engine: Stopped");
        // the gpu-sampler reports within a sample period: "NVML not available" here, "N × NVML" on a GPU box
        Label gpuStatus = robot.lookup("#status-gpu .label").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                () -> !gpuStatus.getText().equals("GPU: not monitored"));
        assertThat(gpuStatus.getText()).matches("GPU: (NVML not available|\\d+ × NVML)");

        robot.clickOn("#nav-dashboard");
        screenshot(stage, "console-light.png");
        robot.clickOn("#theme-toggle");
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("tokens-dark.css"))
                .noneMatch(s -> s.endsWith("tokens-light.css"));
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ThemeApplier.baseStylesheet(Theme.DARK));
        screenshot(stage, "console-dark.png");

        FxToolkit.cleanupApplication(app);                 // runs stop(): saves, then joins the settings thread
        app = null;
        SettingsStore.Loaded saved = new SettingsStore(config).load();
        assertThat(saved.warnings()).isEmpty();
        assertThat(saved.settings().theme()).isEqualTo(Theme.DARK);
        assertThat(saved.settings().windowBounds()).hasValueSatisfying(w -> assertThat(w.width()).isEqualTo(stage.getWidth()));
    }

    @Test
    void startsOnSavedThemeAndSurvivesACorruptSettingsFile() throws Exception {
        new SettingsStore(config).save(ConsoleSettings.defaults().withTheme(Theme.DARK));
        Stage stage = start();
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("tokens-dark.css"));
        FxToolkit.cleanupApplication(app);
        app = null;

        Files.writeString(config.resolve(SettingsStore.FILE_NAME), "{ not json");
        stage = start();

        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("tokens-light.css"));
        assertThat(config.resolve(SettingsStore.FILE_NAME + ".corrupt")).hasContent("{ not json");
    }

    private void screenshot(Stage stage, String name) throws IOException {
        var image = robot.capture(stage.getScene().getRoot()).getImage();
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
