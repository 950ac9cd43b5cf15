package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.services.models.DiscoveredModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 17's "done when": the embedded default model, placed where Ollama and the Hugging Face cache keep models
 * under a temporary home, is listed on the Models page; select, Run, Start (three clicks) puts it on the builtin
 * engine, and the Playground then chats with it. The real console, a real engine process, headless.
 */
class ModelsRunUiTest {
    @TempDir
    Path home;
    @TempDir
    Path config;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);   // stops the engine process
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void anOllamaModelRunsInThreeClicksAndThePlaygroundChatsWithIt() throws Exception {
        Path variant = home.resolve("generated/inferdeck-default-q4_0.gguf");
        Files.createDirectories(variant.getParent());
        ModelGenerator.write(LlamaModelSpec.DEFAULT, GgmlType.Q4_0, variant);
        String hex = sha256(variant);
        Path ollama = home.resolve(".ollama/models");
        Files.createDirectories(ollama.resolve("blobs"));
        Files.copy(variant, ollama.resolve("blobs/sha256-" + hex));
        Path manifest = ollama.resolve("manifests/registry.ollama.ai/library/inferdeck/q4_0");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\","
                + "\"digest\":\"sha256:" + hex + "\",\"size\":" + Files.size(variant) + "}]}");
        Path repo = home.resolve(".cache/huggingface/hub/models--inferdeck--default-GGUF");
        String rev = "0123456789abcdef0123456789abcdef01234567";
        Files.createDirectories(repo.resolve("blobs"));
        Files.createDirectories(repo.resolve("snapshots").resolve(rev));
        Files.createDirectories(repo.resolve("refs"));
        Files.copy(variant, repo.resolve("blobs").resolve(hex));
        Files.createSymbolicLink(repo.resolve("snapshots").resolve(rev).resolve("inferdeck-default-q4_0.gguf"),
                Path.of("..", "..", "blobs", hex));
        Files.writeString(repo.resolve("refs/main"), rev);

        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new InferDeckApp(config, Map.of("HOME", home.toString())));
        robot.clickOn("#nav-models");
        TableView<?> table = robot.lookup("#models-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() >= 2);
        assertThat(table.getItems()).map(m -> ((DiscoveredModel) m).store() + " " + ((DiscoveredModel) m).name())
                .contains("Ollama inferdeck:q4_0", "Hugging Face cache inferdeck/default-GGUF/inferdeck-default-q4_0.gguf");

        robot.clickOn(robot.lookup(".table-row-cell").<TableRow<?>>match(r -> r.getItem() instanceof DiscoveredModel m
                && m.name().equals("inferdeck:q4_0")).queryAs(TableRow.class));           // 1: select
        robot.clickOn("#models-run");                                                      // 2: Run
        assertThat(robot.lookup("#models-confirm-diff").queryTextInputControl().getText())
                .contains("model: " + ollama.resolve("blobs/sha256-" + hex));
        robot.clickOn("#models-confirm");                                                  // 3: confirm
        Label message = robot.lookup("#models-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> message.getText().startsWith("Running")
                || message.getText().startsWith("Could not run"));
        assertThat(message.getText()).isEqualTo("Running inferdeck-q4_0 — chat with it on the Playground.");

        robot.clickOn("#nav-playground");
        robot.clickOn("#playground-input").write("Hello there");
        robot.clickOn("#playground-send");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#lane-a-transcript .turn-assistant .turn-stats")
                .tryQuery().map(n -> n.isVisible() && !((Label) n).getText().isBlank()).orElse(false));
        TextFlow reply = robot.lookup("#lane-a-transcript .turn-assistant .turn-text").queryAs(TextFlow.class);
        assertThat(reply.getChildren().stream().map(n -> ((Text) n).getText()).reduce("", String::concat)).isNotBlank();
        assertThat(robot.lookup("#lane-a-engine").queryAs(Label.class).getText()).startsWith("Engine: ");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
