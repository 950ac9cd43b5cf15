package io.inferdeck.views.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.chat.ChatClient;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.runner.bench.RunnerProcess;
import io.inferdeck.services.conversation.ConversationStore;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Playground on a headless stage against two real runner processes (TINY model as Q4_0 and Q8_0):
 * type, Ctrl+Enter, watch the reply stream and its timing line; then compare both engines side by side.
 */
@ExtendWith(ApplicationExtension.class)
class PlaygroundViewTest {
    @TempDir
    static Path dir;
    static RunnerProcess q4;
    static RunnerProcess q8;
    static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    static final BackgroundExecutor io = BackgroundExecutor.threadPool("playground-test", 3);
    final EngineTarget target = new EngineTarget();
    PlaygroundViewModel a;
    PlaygroundViewModel b;

    @BeforeAll
    static void startRunners() throws Exception {
        q4 = start(GgmlType.Q4_0);
        q8 = start(GgmlType.Q8_0);
    }

    static RunnerProcess start(GgmlType type) throws Exception {
        Path model = dir.resolve("tiny-" + type.name().toLowerCase() + ".gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, type, model);
        return RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx", "4096",
                "--parallel", "1", "--threads", "1"), dir.resolve(type + ".log"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopRunners() throws Exception {
        io.close();
        timer.shutdownNow();
        q4.close();
        q8.close();
    }

    @Start
    void start(Stage stage) {
        FxDispatcher dispatcher = FxDispatcher.onFxThread(timer);
        ChatClient client = new ChatClient(System::nanoTime);
        ConversationStore store = new ConversationStore();
        a = new PlaygroundViewModel("pg-a", client, target, store, io, dispatcher, () -> { });
        b = new PlaygroundViewModel("pg-b", client, new EngineTarget(), store, io, dispatcher, () -> { });
        Scene scene = new Scene(new PlaygroundView(a, b), 1360, 820);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void typeSendWatchItStreamThenCompareTwoEngines(FxRobot robot) throws Exception {
        assertThat(robot.lookup(".empty-state-title").queryAs(Label.class).getText()).isEqualTo("No engine is running");
        target.set(new EngineEndpoint(q4.base(), null, "builtin"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#lane-a-model-note").queryAs(Label.class).isVisible());

        robot.interact(() -> a.sampling().maxTokensProperty().set(40));
        robot.interact(() -> a.sampling().seedProperty().set("5"));
        robot.clickOn("#playground-input").write("Write a haiku about GPUs");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#lane-a-transcript .turn-assistant .turn-stats")
                .queryAll().isEmpty() && robot.lookup("#lane-a-transcript .turn-assistant .turn-stats").queryAs(Label.class).isVisible());
        Label stats = robot.lookup("#lane-a-transcript .turn-assistant .turn-stats").queryAs(Label.class);
        assertThat(stats.getText()).startsWith("TTFT ").contains("tok/s", " tokens", "tiny-q4_0 · Q4_0");
        TextFlow reply = robot.lookup("#lane-a-transcript .turn-assistant .turn-text").queryAs(TextFlow.class);
        String text = reply.getChildren().stream().map(n -> ((Text) n).getText()).reduce("", String::concat);
        assertThat(text).isEqualTo(a.turns().get(1).text()).isNotEmpty();
        assertThat(robot.lookup("#request-json").queryAs(javafx.scene.control.TextArea.class).getText())
                .contains("Write a haiku about GPUs");

        robot.clickOn("#playground-compare");
        var url = robot.lookup("#compare-url").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> url.clear());
        robot.clickOn(url).write(q8.base().toString().replaceAll("/$", ""));
        robot.clickOn("#compare-attach");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> b.modelProperty().get().isPresent());
        assertThat(b.messageProperty().get()).isEmpty();
        robot.interact(() -> a.clear());
        robot.clickOn("#playground-input").write("Compare: explain KV cache in one line");
        robot.clickOn("#playground-send");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#lane-b-transcript .turn-assistant .turn-stats").tryQuery()
                .map(n -> ((Label) n).isVisible()).orElse(false)
                && robot.lookup("#lane-a-transcript .turn-assistant .turn-stats").tryQuery().map(n -> ((Label) n).isVisible()).orElse(false));
        assertThat(robot.lookup("#lane-b-transcript .turn-assistant .turn-stats").queryAs(Label.class).getText()).contains("tiny-q8_0 · Q8_0");
        WaitForAsyncUtils.waitForFxEvents();

        var image = robot.capture(robot.lookup("#page-playground").<javafx.scene.Node>query()).getImage();
        Path out = Path.of("target", "playground.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
