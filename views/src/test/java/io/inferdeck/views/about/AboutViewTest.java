package io.inferdeck.views.about;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.common.plugin.PluginEntry;
import io.inferdeck.common.plugin.PluginEntry.State;
import io.inferdeck.services.about.AboutInfo;
import io.inferdeck.services.about.AboutService;
import io.inferdeck.services.about.VersionFacts;
import io.inferdeck.services.models.FileManager;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The About window on a headless stage: the facts, a folder opened through the service on a worker, every plugin state. */
@ExtendWith(ApplicationExtension.class)
class AboutViewTest {
    @TempDir
    static Path dir;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BackgroundExecutor worker = BackgroundExecutor.threadPool("about-test", 1);
    private final List<Path> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        FileManager files = new FileManager() {
            @Override
            public boolean supported() {
                return true;
            }

            @Override
            public void reveal(Path file) {
                throw new AssertionError("folders are opened, not revealed");
            }

            @Override
            public void openFolder(Path folder) {
                opened.add(folder);
            }
        };
        AboutInfo info = new AboutInfo(new VersionFacts("0.9.0", "0123456789ab", "b4000 (commit abcdef0)", "25"),
                List.of(new AboutInfo.Folder("Data", dir.resolve("data")), new AboutInfo.Folder("Config", dir.resolve("config"))),
                List.of(new PluginEntry("toy-engine", Optional.of("0.3.0"), "engine", "toy", "/p/toy.jar", State.ENABLED, Optional.empty()),
                        new PluginEntry("regex-rules", Optional.empty(), "filter stage", "example.Rules", "/p/rules.jar", State.DISABLED, Optional.empty()),
                        new PluginEntry("broken", Optional.empty(), "-", "-", "/p/broken.jar", State.REFUSED, Optional.of("not a readable jar"))));
        AboutViewModel vm = new AboutViewModel(new AboutService(info, files), worker, FxDispatcher.onFxThread(timer));
        Scene scene = new Scene(new AboutView(vm));
        scene.getStylesheets().setAll(Theme.DARK.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        worker.close();
        timer.shutdownNow();
    }

    @Test
    void showsTheFactsOpensAFolderAndListsEveryPluginState(FxRobot robot) throws Exception {
        assertThat(robot.lookup(".about-fact").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("InferDeck 0.9.0", "git commit 0123456789ab", "llama.cpp b4000 (commit abcdef0)", "Java 25");
        TableView<?> plugins = robot.lookup("#about-plugins").queryAs(TableView.class);
        assertThat(plugins.getItems()).hasSize(3);
        assertThat(robot.from(plugins).lookup("refused: not a readable jar").tryQuery()).isPresent();
        assertThat(robot.from(plugins).lookup("disabled").tryQuery()).isPresent();

        robot.clickOn("#about-open-1");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#about-message").queryAs(Label.class).getText().isEmpty());
        assertThat(opened).containsExactly(dir.resolve("config"));
        assertThat(robot.lookup("#about-message").queryAs(Label.class).getText()).isEqualTo("Opened " + dir.resolve("config"));
    }
}
