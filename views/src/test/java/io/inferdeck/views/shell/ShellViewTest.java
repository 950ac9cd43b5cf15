package io.inferdeck.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The shell on a real (headless Monocle) stage: navigation, status bar states and shortcuts. */
@ExtendWith(ApplicationExtension.class)
class ShellViewTest {

    private final ShellViewModel viewModel = new ShellViewModel(Theme.LIGHT, ImmediateDispatcher.create());
    private final AtomicInteger pagesCreated = new AtomicInteger();
    private final AtomicInteger quitRequests = new AtomicInteger();

    @Start
    void start(Stage stage) {
        Map<Section, Supplier<? extends Node>> pages = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            pages.put(section, () -> {
                pagesCreated.incrementAndGet();
                Label page = new Label(section.title() + " page");
                page.setId("page-" + section.id());
                return page;
            });
        }
        ShellView shell = new ShellView(viewModel, pages);
        Scene scene = new Scene(shell, 1000, 640);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        shell.installShortcuts(scene, () -> quitRequests.incrementAndGet());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void clickingNavItemsShowsTheirPagesAndCreatesEachOnce(FxRobot robot) {
        for (Section section : Section.values()) {
            robot.clickOn("#nav-" + section.id());
            assertThat(viewModel.getSection()).isEqualTo(section);
            assertThat(robot.lookup("#page-" + section.id()).tryQuery()).isPresent();
            assertThat(robot.lookup("#nav-" + section.id()).queryAs(ToggleButton.class).isSelected()).isTrue();
        }
        robot.clickOn("#nav-dashboard");
        robot.clickOn("#nav-dashboard");
        assertThat(robot.lookup("#nav-dashboard").queryAs(ToggleButton.class).isSelected())
                .as("clicking the current item keeps it selected").isTrue();
        assertThat(pagesCreated).hasValue(Section.values().length);
    }

    @Test
    void statusBarFollowsTheViewModel(FxRobot robot) {
        HBox engine = robot.lookup("#status-engine").queryAs(HBox.class);
        assertThat(robot.from(engine).lookup(".label").queryAs(Label.class).getText()).isEqualTo("Engine: Stopped");
        assertThat(engine.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("idle"));

        robot.interact(() -> viewModel.showEngineStatus(new StatusIndicator(StatusLevel.ERROR, "Engine: crashed")));

        assertThat(robot.from(engine).lookup(".label").queryAs(Label.class).getText()).isEqualTo("Engine: crashed");
        assertThat(engine.getPseudoClassStates())
                .contains(PseudoClass.getPseudoClass("error")).doesNotContain(PseudoClass.getPseudoClass("idle"));
        assertThat(robot.lookup("#status-gpu .label").queryAs(Label.class).getText()).isEqualTo("GPU: not monitored");
    }

    @Test
    void shortcutsSwitchSectionAndTheme(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.getSection()).isEqualTo(Section.TUNING);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.getTheme()).isEqualTo(Theme.DARK);
        assertThat(robot.lookup("#theme-toggle").queryAs(Button.class).getText()).isEqualTo("Light theme");

        robot.clickOn("#theme-toggle");
        assertThat(viewModel.getTheme()).isEqualTo(Theme.LIGHT);

        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(quitRequests).hasValue(1);
    }
}
