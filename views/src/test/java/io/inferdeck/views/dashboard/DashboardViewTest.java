package io.inferdeck.views.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import io.inferdeck.styles.Theme;
import io.inferdeck.services.dashboard.DashboardExporter;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.time.Clock;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.Percentiles;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.Map;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Dashboard on a headless (Monocle) 1920x1080 stage, fed real NVML readings from the C stand-in
 * libnvidia-ml (8-GPU config, through the JNA path) and engine metrics snapshots.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardViewTest {

    static final Path STANDIN = Path.of(System.getProperty("inferdeck.test.standin",
            "../gpu-monitor/target/standin/libnvidia-ml.so")).toAbsolutePath().normalize();
    static final Path EIGHT_GPUS = Path.of("../gpu-monitor/src/test/resources/standin/eight-gpus.conf")
            .toAbsolutePath().normalize();

    /** The stand-in's test hook: which config file the next nvmlInit reads. */
    interface StandinControl extends Library {
        void nvmlStandinSetConfig(String path);
    }

    private final DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create(), 2, 1, DashboardViewModel.DEFAULT_SLO_P95);
    private final Path exports = Path.of("target", "dashboard-exports").toAbsolutePath();
    private NvmlGpuSource source;
    private DashboardView view;

    @Start
    void start(Stage stage) {
        view = new DashboardView(vm, new DashboardExporter(exports, Runnable::run, Clock.systemDefaultZone()));
        Scene scene = new Scene(view, 1920, 1080);
        scene.getStylesheets().setAll(Theme.DARK.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    private GpuSnapshot sampleStandin() {
        assertThat(STANDIN).as("stand-in libnvidia-ml (built by gpu-monitor's test build; needs gcc)").exists();
        Native.load(STANDIN.toString(), StandinControl.class).nvmlStandinSetConfig(EIGHT_GPUS.toString());
        Map<Long, String> engines = Map.of(41721L, "llama-70b", 52018L, "qwen-7b");
        source = NvmlGpuSource.builder().library(STANDIN.toString())
                .pidLookup(pid -> Optional.ofNullable(engines.get(pid))).build();
        return source.sample();
    }

    private void feed(FxRobot robot, int seconds) {
        GpuSnapshot gpus = sampleStandin();
        assertThat(gpus.state().isOk()).as(gpus.state().message()).isTrue();
        Instant t0 = gpus.at();
        robot.interact(() -> {
            for (int s = 0; s < seconds; s++) {
                Instant at = t0.plusSeconds(s);
                double wave = Math.sin(s / 9.0);
                vm.acceptGpu(new GpuSnapshot(at, gpus.state(), gpus.gpus()));
                double p95 = 0.32 + 0.12 * wave + (s > seconds - 20 ? 0.1 : 0);
                EngineMetrics base = DashboardViewModelTest.metrics(at, 14 + 3 * wave, p95);
                vm.acceptMetrics(new EngineMetrics(at, base.flavor(), Duration.ofSeconds(30), base.qps(),
                        base.errorsPerSec(), base.tokensInPerSec(), base.tokensOutPerSec(), base.e2e(),
                        new Percentiles(OptionalDouble.of(0.04), OptionalDouble.of(0.06 + 0.02 * wave),
                                OptionalDouble.of(0.1), OptionalDouble.of(100)),
                        base.itl(), OptionalDouble.of(Math.round(4 + 2 * wave)),
                        OptionalDouble.of(Math.max(0, Math.round(3 * Math.cos(s / 7.0)))),
                        OptionalDouble.of(0.35 + 0.2 * wave)));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void tilesWhoseFigureTheGatewayMeasuredSayViaGateway(FxRobot robot) {
        robot.interact(() -> vm.acceptMetrics(DashboardViewModelTest.viaGateway(Instant.parse("2026-01-01T00:00:00Z"))));
        WaitForAsyncUtils.waitForFxEvents();
        PseudoClass viaGateway = PseudoClass.getPseudoClass("via-gateway");
        assertThat(robot.lookup("#tile-requests-s").query().getPseudoClassStates()).contains(viaGateway);
        assertThat(robot.lookup("#tile-requests-s .tile-note").queryAs(Label.class).getText()).isEqualTo("via gateway");
        assertThat(robot.lookup("#tile-tokens-out-s").query().getPseudoClassStates()).doesNotContain(viaGateway);
        assertThat(robot.lookup("#tile-tokens-out-s .tile-note").queryAs(Label.class).getText()).isEqualTo("from engine");
    }

    @Test
    void standinGpusAndMetricsFillTilesCardsAndCharts(FxRobot robot) throws IOException {
        feed(robot, 300);

        assertThat(robot.lookup("#gpu-card-7").tryQuery()).isPresent();
        assertThat(robot.lookup("#gpu-card-0 .gpu-card-title").queryAs(javafx.scene.text.Text.class).getText())
                .isEqualTo("GPU 0 · NVIDIA H100 80GB HBM3");
        assertThat(robot.lookup("#gpu-card-0 .gpu-card-engine").queryAs(Label.class).getText()).startsWith("llama-70b");
        Node card7 = robot.lookup("#gpu-card-7").query();
        assertThat(card7.getBoundsInParent().getMaxY() + card7.localToScene(0, 0).getY())
                .as("8 GPU cards fit 1080 px without scrolling").isLessThan(1080);

        Label p95 = robot.lookup("#tile-latency-p95 .tile-value").queryAs(Label.class);
        assertThat(p95.getText()).isNotEqualTo("n/a");
        assertThat(robot.lookup("#tile-gpu-memory .tile-value").queryAs(Label.class).getText()).isNotEqualTo("n/a");
        LiveChart latency = robot.lookup("#chart-latency").queryAs(LiveChart.class);
        assertThat(latency.getData()).hasSize(4);
        assertThat(latency.getData().get(1).getData()).hasSizeBetween(290, 301);
        assertThat(robot.lookup("#chart-latency-key .chart-key-item").queryAll()).extracting(n -> ((Label) n).getText())
                .as("the configured objective named in the key").containsExactly("P50", "P95", "P99", "SLO P95 500 ms");
        assertThat(robot.lookup("#chart-gpu-memory-key .chart-key-item").queryAll()).extracting(n -> ((Label) n).getText())
                .as("each GPU's line named").containsExactly("GPU 0", "GPU 1", "GPU 2", "GPU 3", "GPU 4", "GPU 5", "GPU 6", "GPU 7");
        // bound: 17 series (8 GPUs + 9 engine) x the per-series chart cap + 2 SLO points
        assertThat(view.body().chartPoints()).isLessThanOrEqualTo(17 * DashboardViewModel.MAX_CHART_POINTS + 2);

        screenshot(robot, view, Path.of("target", "dashboard.png"));
        Path committed = Path.of(System.getProperty("inferdeck.docs.screenshot", "")).toAbsolutePath();
        if (System.getProperty("inferdeck.docs.screenshot") != null) {
            Files.copy(Path.of("target", "dashboard.png"), committed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        robot.interact(() -> vm.metricsUnavailable("engine stopped"));
        assertThat(p95.getText()).isEqualTo("n/a");
        assertThat(p95.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("unavailable"));
    }

    @Test
    void exportsCsvAndPngAtomically(FxRobot robot) throws IOException {
        feed(robot, 30);
        robot.clickOn("#dashboard-export-csv");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.exportStatusProperty().get()).startsWith("Saved ");
        Path csv = Path.of(vm.exportStatusProperty().get().substring("Saved ".length()));
        assertThat(Files.readString(csv)).startsWith("series,epoch_ms,value").contains("e2e p95,");
        robot.clickOn("#dashboard-export-png");
        WaitForAsyncUtils.waitForFxEvents();
        Path png = Path.of(vm.exportStatusProperty().get().substring("Saved ".length()));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(1000);
        try (var left = Files.list(exports)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("."))).as("atomic writes' temp files").isEmpty();
        }
    }

    @Test
    void wallModeTogglesWithTheKeyboardAndCyclesGpus(FxRobot robot) throws IOException {
        feed(robot, 60);
        robot.clickOn("#dashboard-pause");
        robot.clickOn("#dashboard-pause");
        robot.press(KeyCode.F11).release(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.wallModeProperty().get()).isTrue();
        WallStage wall = view.wallStage();
        assertThat(wall).isNotNull();
        assertThat(wall.isShowing()).isTrue();
        Node root = wall.getScene().getRoot();
        assertThat(root.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("wall"));
        assertThat(root.lookup(".dashboard-toolbar")).as("no controls on the wall").isNull();
        assertThat(root.lookupAll(".gpu-card")).hasSize(DashboardViewModel.WALL_GPUS_PER_PAGE);
        screenshot(robot, root, Path.of("target", "dashboard-wall.png"));

        robot.interact(() -> {
            GpuSnapshot last = source.sample();
            vm.acceptGpu(new GpuSnapshot(Instant.ofEpochMilli(vm.nowMillis()).plusSeconds(9), last.state(), last.gpus()));
        });
        assertThat(vm.wallPageProperty().get()).isEqualTo(1);
        assertThat(((javafx.scene.text.Text) root.lookup(".gpu-card-title")).getText()).startsWith("GPU 4");

        robot.interact(() -> wall.getScene().getRoot().fireEvent(new javafx.scene.input.KeyEvent(
                javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.F11, false, false, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.wallModeProperty().get()).isFalse();
        assertThat(wall.isShowing()).isFalse();
    }

    private static void screenshot(FxRobot robot, Node node, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedImage[] image = new BufferedImage[1];
        robot.interact(() -> image[0] = SwingFXUtils.fromFXImage(node.snapshot(null, null), null));
        ImageIO.write(image[0], "png", file.toFile());
    }
}
