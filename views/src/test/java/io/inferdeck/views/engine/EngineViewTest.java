package io.inferdeck.views.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.control.supervisor.LogLevel;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.EngineControl;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Engine page on a headless stage: the log follows its tail, and the level filter works from the UI. */
@ExtendWith(ApplicationExtension.class)
class EngineViewTest {
    private final List<String> commands = new ArrayList<>();
    private final EngineViewModel vm = new EngineViewModel(new EngineControl() {
        public CompletionStage<Applied> start() { commands.add("start"); return new CompletableFuture<>(); }
        public CompletionStage<Void> stop() { commands.add("stop"); return new CompletableFuture<>(); }
        public CompletionStage<Applied> restart() { commands.add("restart"); return new CompletableFuture<>(); }
        public CompletionStage<Applied> apply(DeploymentProfile p) { commands.add("apply"); return new CompletableFuture<>(); }
        public void refreshProfiles() { commands.add("refresh"); }
    }, ImmediateDispatcher.create(), Instant::now);

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new EngineView(vm), 1280, 800);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    private static List<String> log(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> i % 50 == 7 ? "inferdeck-runner: error: failure " + i : "line " + i).toList();
    }

    private void feed(FxRobot robot, List<String> tail) {
        robot.interact(() -> vm.accept(new EngineSnapshot("default", null,
                List.of(new EngineState.Ready(URI.create("http://127.0.0.1:1"), 5, Instant.now())), List.of("java RunnerMain"),
                tail, List.of())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int lastVisibleIndex(FxRobot robot) {
        return robot.lookup("#engine-log .list-cell").queryAll().stream()
                .map(n -> (IndexedCell<?>) n).filter(c -> c.isVisible() && c.getItem() != null)
                .mapToInt(IndexedCell::getIndex).max().orElse(-1);
    }

    @Test
    void logFollowsItsTailAndTheLevelFilterHidesInfoLines(FxRobot robot) {
        feed(robot, log(0, 300));
        @SuppressWarnings("unchecked")
        ListView<String> list = robot.lookup("#engine-log").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(300);
        assertThat(lastVisibleIndex(robot)).isEqualTo(299);

        feed(robot, log(100, 400));                         // the tail moved on
        assertThat(lastVisibleIndex(robot)).isEqualTo(299);
        assertThat(list.getItems().getLast()).isEqualTo("line 399");

        @SuppressWarnings("unchecked")
        ChoiceBox<LogLevel> level = robot.lookup("#engine-log-level").queryAs(ChoiceBox.class);
        robot.interact(() -> level.setValue(LogLevel.ERROR));
        assertThat(list.getItems()).hasSize(6).allMatch(l -> l.contains("error: failure"));
        robot.clickOn("#engine-log-search").write("357");
        assertThat(list.getItems()).containsExactly("inferdeck-runner: error: failure 357");
    }
}
