package io.inferdeck.app;

import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.Clock;
import io.inferdeck.control.gateway.keys.KeyUsage;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.gateway.keys.KeyLimits;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.inferdeck.app.layout.LayoutAudit;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.views.shell.Section;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real console as an operator with a busy machine sees it: model stores of other tools holding many models with
 * long names and deep paths, a profile with a long name, eight stand-in GPUs (gpu-monitor's C libnvidia-ml) with long
 * names and big memory figures, the engine running the embedded default, requests through its gateway (a long model
 * name, a long 404 path among them), a chat in the Playground and the starter safety suite run. Used by the layout
 * test and the docs screenshots, so both look at the same pages. Walks {@link Section#values()}: a page added to the
 * console is covered without touching this class.
 */
final class ConsoleScenario implements AutoCloseable {
    static final int[][] SIZES = {{1280, 720}, {1920, 1080}};
    static final List<String> THEMES = List.of("light", "dark");

    static final Path STANDIN = Path.of(System.getProperty("inferdeck.test.standin",
            "../gpu-monitor/target/standin/libnvidia-ml.so")).toAbsolutePath().normalize();
    private static final Path EIGHT_GPUS = Path.of("../gpu-monitor/src/test/resources/standin/eight-gpus.conf")
            .toAbsolutePath().normalize();
    private static final String LONG_MODEL = "Meta-Llama-3.1-70B-Instruct-abliterated-Q4_K_M";

    /** The stand-in's test hook: which config file the next nvmlInit reads. */
    interface StandinControl extends Library {
        void nvmlStandinSetConfig(String path);
    }

    /** What a test does on each page, once it is shown and settled. */
    interface PageVisit {
        void on(Section section, int width, int height, String theme) throws Exception;
    }

    private final FxRobot robot = new FxRobot();
    private final Path home;
    private final Path config;
    private final Map<String, String> savedProperties = new HashMap<>();
    /** Held for the scenario's life: a collected JNA proxy may unload the library, and a reload forgets the config. */
    private StandinControl standin;
    private Application app;
    private Stage stage;

    ConsoleScenario(Path home, Path config) {
        this.home = home;
        this.config = config;
    }

    /** Places the models, profile and GPUs, starts the console with its engine and waits until the engine is Ready. */
    Stage start() throws Exception {
        assertThat(STANDIN).as("stand-in libnvidia-ml (built by gpu-monitor's test build; needs gcc)").exists();
        placeModels();
        placeProfile();
        Path gpus = home.resolve("gpus.conf");   // the stand-in box with a mix of long, real GPU names
        Files.writeString(gpus, Files.readString(EIGHT_GPUS)
                .replace("gpu.5.name=NVIDIA H100 80GB HBM3", "gpu.5.name=NVIDIA RTX PRO 6000 Blackwell Server Edition")
                .replace("gpu.6.name=NVIDIA H100 80GB HBM3", "gpu.6.name=NVIDIA H100 NVL 94GB PCIe"));
        standin = Native.load(STANDIN.toString(), StandinControl.class);
        standin.nvmlStandinSetConfig(gpus.toString());
        setProperty("inferdeck.nvml.library", STANDIN.toString());
        setProperty("inferdeck.autostart", "true");   // the build's tests run with it off
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString()));
        if (System.getenv("XDG_DATA_HOME") != null) {   // the docs run keeps its engine's model in a known place
            env.put("XDG_DATA_HOME", System.getenv("XDG_DATA_HOME"));
        }
        placeKeys(env);
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new InferDeckApp(config, env));
        resize(SIZES[0][0], SIZES[0][1]);
        Label gpuStatus = robot.lookup("#status-gpu .label").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> gpuStatus.getText().equals("GPU: 8 × NVML"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the stand-in GPUs did not come up: " + gpuStatus.getText(), e);
        }
        robot.clickOn("#nav-engine");
        Label state = robot.lookup("#engine-state").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> state.getText().equals("Ready"));
        robot.clickOn("#nav-traffic");
        Label source = robot.lookup("#traffic-source").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> source.getText().contains("http://"));
        return stage;
    }

    /** Sends requests through the gateway, chats once in the Playground, runs the starter safety suite. */
    void fill() throws Exception {
        sendTraffic();
        chat();
        runSafetySuite();
    }

    /**
     * Every section at every size in both themes (light first, as the console starts), each page brought into the
     * state an operator would look at.
     */
    void eachPage(PageVisit visit) throws Exception {
        for (String theme : THEMES) {
            for (int[] size : SIZES) {
                resize(size[0], size[1]);
                for (Section section : Section.values()) {
                    robot.clickOn("#nav-" + section.id());
                    settle(section);
                    visit.on(section, size[0], size[1], theme);
                }
            }
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** The window's layout problems now, laid out and checked in one FX-thread turn. */
    List<LayoutAudit.Problem> audit() {
        List<LayoutAudit.Problem> found = new ArrayList<>();
        robot.interact(() -> found.addAll(LayoutAudit.audit(stage.getScene())));
        return found;
    }

    FxRobot robot() {
        return robot;
    }

    Stage stage() {
        return stage;
    }

    @Override
    public void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);   // stops the engine process
        }
        FxToolkit.cleanupStages();
        savedProperties.forEach((key, value) -> {
            if (value.isEmpty()) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    /** Sets a system property the console reads, remembering the value to restore for the tests after this one. */
    private void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key, ""));
        System.setProperty(key, value);
    }

    private void resize(int width, int height) {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A page's first look: the Models page with a model selected and inspected, as an operator leaves it. */
    @SuppressWarnings("unchecked")
    private void settle(Section section) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        if (section == Section.MODELS && robot.lookup("#models-details").queryTextInputControl().getText().isEmpty()) {
            TableView<Object> table = robot.lookup("#models-table").queryAs(TableView.class);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() >= 10);
            robot.interact(() -> table.getSelectionModel().select(2));
            robot.clickOn("#models-inspect");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> !robot.lookup("#models-details").queryTextInputControl().getText().isEmpty());
        }
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);   // live pages repaint; the audit lays out itself
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Many models in every store other tools keep them in, with names as long as real ones, plus a half-written
     * file in llama.cpp's cache. All are copies of the tiny generated model (the page reads metadata only).
     */
    /** A few keys (one revoked) and a week of their usage, as gateways write it; only into a key file without keys. */
    private static void placeKeys(Map<String, String> env) throws Exception {
        Path db = KeyStore.defaultLocation(env);
        Files.createDirectories(db.getParent());
        try (var store = KeyStore.open(db, Clock.systemUTC())) {
            if (!store.list().isEmpty()) {
                return;
            }
            String teamA = store.add("team-a", KeyLimits.of(60, 20_000L, 4)).key().id();
            String nightly = store.add("nightly-eval", KeyLimits.of(null, 200_000L, 16)).key().id();
            store.add("ci", KeyLimits.of(120, null, null));
            store.revoke("ci");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<KeyUsage> usage = new ArrayList<>();
            for (int d = 0; d < 7; d++) {
                usage.add(new KeyUsage(today.minusDays(d), teamA, 120 + 37L * d, 14_200 + 2_100L * d,
                        31_400 + 3_300L * d, d % 3));
                if (d % 2 == 0) {
                    usage.add(new KeyUsage(today.minusDays(d), nightly, 1_450 + 90L * d, 512_000 + 20_000L * d,
                            96_000 + 4_000L * d, 2));
                }
            }
            usage.add(new KeyUsage(today.minusDays(1), "profile", 18, 1_900, 2_600, 0));
            store.addUsage(usage);
        }
    }

    private void placeModels() throws Exception {
        Path tiny = home.resolve("src/inferdeck-tiny-q8_0.gguf");
        Files.createDirectories(tiny.getParent());
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, tiny);
        Path own = home.resolve(".local/share/inferdeck/models");
        copy(tiny, own.resolve(LONG_MODEL + ".gguf"));
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tiny)));
        Path ollama = home.resolve(".ollama/models");
        copy(tiny, ollama.resolve("blobs/sha256-" + hex));
        for (String name : List.of("registry.ollama.ai/library/inferdeck-tiny/latest",
                "registry.ollama.ai/library/qwen2.5-coder/32b-instruct-q4_K_M",
                "hf.co/bartowski/DeepSeek-R1-Distill-Qwen-32B-abliterated-GGUF/Q5_K_M")) {
            Path m = ollama.resolve("manifests").resolve(name);
            Files.createDirectories(m.getParent());
            Files.writeString(m, "{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:" + hex + "\"}]}");
        }
        Path lm = home.resolve(".lmstudio/models");
        for (String file : List.of("lmstudio-community/Meta-Llama-3.1-70B-Instruct-GGUF/Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf",
                "lmstudio-community/Meta-Llama-3.1-70B-Instruct-GGUF/Meta-Llama-3.1-70B-Instruct-Q8_0.gguf",
                "bartowski/Mistral-Small-24B-Instruct-2501-GGUF/Mistral-Small-24B-Instruct-2501-Q6_K_L.gguf",
                "unsloth/gemma-3-27b-it-GGUF/gemma-3-27b-it-UD-Q4_K_XL.gguf",
                "inferdeck/tiny-GGUF/inferdeck-tiny-q4_0.gguf")) {
            copy(tiny, lm.resolve(file));
        }
        Path hub = home.resolve(".cache/huggingface/hub");
        for (String file : List.of("models--TheBloke--Mixtral-8x7B-Instruct-v0.1-GGUF/snapshots/"
                        + "fa1d3835c5d45a3a74c0b68805fcdc133dba2b6a/mixtral-8x7b-instruct-v0.1.Q4_K_M.gguf",
                "models--inferdeck--tiny-GGUF/snapshots/0123456789abcdef0123456789abcdef01234567/inferdeck-tiny-q8_0.gguf")) {
            copy(tiny, hub.resolve(file));
        }
        Path cache = home.resolve(".cache/llama.cpp");
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("bartowski_Qwen2.5-72B-Instruct-GGUF_Qwen2.5-72B-Instruct-Q4_K_M.gguf"),
                "GGUF but cut off after a few bytes");
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    /** A saved profile with a long name on the long-named model: the Engine page's picker lists it. */
    private void placeProfile() throws Exception {
        Path profiles = Files.createDirectories(config.resolve("profiles"));
        Files.writeString(profiles.resolve("llama-70b-abliterated-32k-context-two-replicas.json"), """
                {"engine": "builtin", "name": "llama-70b-abliterated-32k-context-two-replicas", "model": "%s",
                 "ctx": 1024, "parallel": 2, "replicas": 2}
                """.formatted(home.resolve(".local/share/inferdeck/models/" + LONG_MODEL + ".gguf").toString().replace("\\", "/")));
    }

    /** Streamed and plain requests, one for a model the gateway does not serve, one 404; a streamed one selected. */
    @SuppressWarnings("unchecked")
    private void sendTraffic() throws Exception {
        robot.clickOn("#nav-traffic");
        String gateway = robot.lookup("#traffic-source").queryAs(Label.class).getText().replaceAll(".*(http://\\S+).*", "$1");
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 12; i++) {
                String model = i == 5 ? LONG_MODEL : "default";
                String body = "{\"model\":\"" + model + "\",\"max_tokens\":" + (8 + 4 * i) + ",\"stream\":" + (i % 3 != 2)
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello number " + i + "\"}]}";
                http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/chat/completions"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/engines/" + LONG_MODEL + "/completions/stream-with-logprobs"))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        TableView<TrafficEntry> table = robot.lookup("#traffic-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 13);
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(e -> e.request().ttftMs().isPresent()).findFirst().orElseThrow()));
    }

    private void chat() throws Exception {
        robot.clickOn("#nav-playground");
        robot.clickOn("#playground-input").write("Write one sentence about GPUs, then list three engines by name.");
        robot.clickOn("#playground-send");
        // the reply is done when its statistics line (time to first token, speed, tokens) shows, or failed with a message
        Label message = robot.lookup("#lane-a-message").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !message.getText().isEmpty()
                    || robot.lookup("#lane-a-transcript .turn-assistant .turn-stats").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no reply in the Playground: input '" + robot.lookup("#playground-input").queryTextInputControl().getText()
                    + "', turns " + robot.lookup("#lane-a-transcript .turn").queryAll().size()
                    + ", text " + robot.lookup("#lane-a-transcript .turn-chunk").queryAll().size() + " chunks", e);
        }
        assertThat(message.getText()).as("Playground error").isEmpty();
    }

    private void runSafetySuite() throws Exception {
        robot.clickOn("#nav-safety");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#safety-run").query().isDisabled());
        robot.clickOn("#safety-run");
        Label recall = robot.lookup("#safety-recall").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !recall.getText().equals("n/a"));
    }
}
