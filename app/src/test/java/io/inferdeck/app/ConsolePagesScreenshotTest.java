package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import io.inferdeck.app.cli.SpreadLatencyEngine;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.gateway.keys.KeyUsage;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.views.dashboard.TileViewModel;
import io.inferdeck.views.shell.Section;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * Screenshots of every page of the real console, filled as in {@link ConsoleScenario} (engine on the embedded default
 * model, requests through its gateway, a chat, the starter safety suite, keys with a week of usage), at 1280×720 and
 * 1920×1080, light and dark, into {@code app/target/screens/} — for a person to look at
 * before and after a change. The Traffic page is shot once empty ({@code traffic-empty-…}), then with real
 * requests sent through the deployment's gateway (streamed and not, a 404) and one of them selected. The Keys page
 * shows keys and a week of usage written to keys.db before the console starts, and is shot once with its Add dialog
 * ({@code keys-add-…}) and once with the key just made ({@code keys-created-…}). The Dashboard is also shot fed by
 * the gateway alone ({@code dashboard-remote-…}): a {@code remote} profile attached to a loopback engine without
 * {@code /metrics}, under real traffic. The About window is shot last ({@code about-light.png}). Runs only on request, on a headless screen large enough for 1920×1080:
 * {@code ./mvnw -B -o -pl app -am verify -Dtest=ConsolePagesScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dinferdeck.docs=true "-Dsurefire.extraArgs=-Dtestfx.robot=glass -Dtestfx.headless=true -Dglass.platform=Monocle
 * -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1920x1080-32 -Djava.awt.headless=true
 * -Dtestfx.setup.timeout=120000"} (a long setup timeout: on a busy machine the console takes over 10 s to come up)
 * The layout itself is checked by {@link ConsoleFitUiTest}.
 */
@EnabledIfSystemProperty(named = "inferdeck.docs", matches = "true")
class ConsolePagesScreenshotTest {
    private static final int[][] SIZES = {{1280, 720}, {1920, 1080}};
    private static final String[] THEMES = {"light", "dark"};
    private static final int MORE_CLIENTS_AFTER_S = 65;
    private static final int SHOT_AFTER_S = 100;

    @TempDir
    Path config;
    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private ConsoleScenario scenario;
    private Application app;

    @AfterEach
    void stop() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void everyPageAtBothSizesInBothThemes() throws Exception {
        scenario = new ConsoleScenario(home, config);
        Stage stage = scenario.start();
        capture(stage, Path.of("target", "screens", "traffic-empty-1280x720-light.png"));   // start() leaves the empty Traffic page showing
        scenario.fill();
        addKey(stage, scenario.robot());
        scenario.eachPage((section, width, height, theme) ->
                capture(stage, Path.of("target", "screens", section.id() + "-" + width + "x" + height + "-" + theme + ".png")));
        about(scenario.robot());
    }

    /** The About window, opened from the navigation's footer as an operator would, in the light theme. */
    private void about(FxRobot robot) throws Exception {
        robot.clickOn("#about-open");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> aboutStage().isPresent());
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        Stage about = aboutStage().orElseThrow();
        capture(about, Path.of("target", "screens", "about-light.png"));
        robot.interact(about::close);
    }

    private static java.util.Optional<Stage> aboutStage() {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && "About InferDeck".equals(s.getTitle()))
                .map(Stage.class::cast).findFirst();
    }

    /**
     * The Dashboard of a {@code remote} engine that exports no metrics at all ({@link SpreadLatencyEngine}: TTFT
     * median 150 ms), attached through its gateway with the response cache on, applied on the Engine page as an
     * operator would. Streamed chat clients in a closed loop (a few prompts asked again and again, the rest new):
     * 4 from the start, 4 more after {@value #MORE_CLIENTS_AFTER_S} s, shot {@value #SHOT_AFTER_S} s in, so the 1 min
     * charts hold neither the warm-up nor the 30 s rate window's start, only the step up.
     */
    @Test
    void dashboardFedByTheGatewayAloneForARemoteEngineWithoutMetrics() throws Exception {
        System.setProperty("inferdeck.autostart", "false");
        Stage stage = FxToolkit.registerPrimaryStage();
        try (SpreadLatencyEngine engine = new SpreadLatencyEngine(7, 150); Load load = new Load()) {
            Files.createDirectories(config.resolve("profiles"));
            Files.writeString(config.resolve("profiles/remote-lab.json"), String.format(Locale.ROOT, """
                    {"engine": "remote", "name": "remote-lab", "baseUrl": "%s", "port": %d,
                     "gateway": {"cache": {"maxBytes": 16777216, "ttlSeconds": 600}}}""", engine.url(), FreePorts.allocate()));
            Map<String, String> env = env();
            app = FxToolkit.setupApplication(() -> new InferDeckApp(config, env));
            size(stage, SIZES[0]);
            robot.clickOn("#nav-engine");
            ComboBox<ProfileLibrary.Entry> picker = robot.lookup("#engine-profile").queryComboBox();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> picker.getItems().stream().anyMatch(e -> e.name().equals("remote-lab")));
            robot.interact(() -> picker.setValue(picker.getItems().stream().filter(e -> e.name().equals("remote-lab")).findFirst().orElseThrow()));
            robot.clickOn("#engine-profile-apply");
            robot.clickOn("#nav-traffic");
            Label source = robot.lookup("#traffic-source").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> source.getText().contains("http://"));
            long started = System.nanoTime();
            load.start(source.getText().replaceAll(".*(http://\\S+).*", "$1"));
            robot.clickOn("#nav-dashboard");
            ComboBox<?> window = robot.lookup("#dashboard-window").queryComboBox();
            robot.interact(() -> window.getSelectionModel().select(0));   // 1 min: the run's history fills the charts
            Label hitRate = robot.lookup("#tile-cache-hit-rate .tile-value").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(SHOT_AFTER_S + 60, TimeUnit.SECONDS, () -> System.nanoTime() - started >= SHOT_AFTER_S * 1_000_000_000L
                    && !hitRate.getText().equals(TileViewModel.NOT_AVAILABLE));
            for (String theme : THEMES) {
                for (int[] size : SIZES) {
                    size(stage, size);
                    WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
                    capture(stage, Path.of("target", "screens", "dashboard-remote-" + size[0] + "x" + size[1] + "-" + theme + ".png"));
                }
                switchTheme();
            }
        }
    }

    /** Closed-loop streamed chat clients through the gateway, 4 at once and 4 more later, until closed. */
    private static final class Load implements AutoCloseable {
        private final HttpClient http = HttpClient.newHttpClient();
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.List<Thread> clients = new java.util.ArrayList<>();

        void start(String gateway) {
            for (int i = 0; i < 8; i++) {
                long delay = i < 4 ? 0 : MORE_CLIENTS_AFTER_S * 1000L;
                clients.add(Thread.ofVirtual().name("load-" + i).start(() -> run(gateway, delay)));
            }
        }

        private void run(String gateway, long delayMs) {
            try {
                Thread.sleep(delayMs);
                while (running.get()) {
                    int n = asked.incrementAndGet();
                    String prompt = n % 3 == 0 ? "Frequently asked question " + (n / 3) % 4 : "New question " + n;
                    String body = "{\"model\":\"" + SpreadLatencyEngine.MODEL + "\",\"stream\":true,\"temperature\":0,"
                            + "\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
                    http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/chat/completions"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : clients) {
                t.interrupt();
                t.join(10_000);
            }
            http.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString()));   // the other tools' stores: fixtures below
        if (System.getenv("XDG_DATA_HOME") != null) {
            env.put("XDG_DATA_HOME", System.getenv("XDG_DATA_HOME"));
        }
        return env;
    }

    private void size(Stage stage, int[] size) {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(size[0]);
            stage.setHeight(size[1]);
        });
    }

    private void switchTheme() {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shoots the Keys page's Add dialog filled in, then the key just made, then closes the dialog. */
    private void addKey(Stage stage, org.testfx.api.FxRobot robot) throws Exception {
        robot.clickOn("#nav-keys");
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        robot.clickOn("#keys-add");
        robot.clickOn("#keys-name").write("playground-demo");
        robot.clickOn("#keys-rpm").write("30");
        capture(stage, Path.of("target", "screens", "keys-add-1280x720-light.png"));
        robot.clickOn("#keys-create");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keys-secret").tryQuery().isPresent());
        capture(stage, Path.of("target", "screens", "keys-created-1280x720-light.png"));
        robot.clickOn("#keys-done");
    }

    private void capture(Stage stage, Path out) throws Exception {
        var image = robot.capture(stage.getScene().getRoot()).getImage();
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
