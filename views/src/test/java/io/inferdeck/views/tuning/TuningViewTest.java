package io.inferdeck.views.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import io.inferdeck.services.tuning.TuningBackend;
import io.inferdeck.services.tuning.Variant;
import io.inferdeck.styles.Theme;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Tuning page on a headless stage with the real threads and a real sweep: two variants of the TINY model
 * (Q8_0, Q4_0) × parallel 1, one second per point, each point on a fresh runner process. Screenshot to target/.
 */
@ExtendWith(ApplicationExtension.class)
class TuningViewTest {
    @TempDir
    static Path dir;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor();
    private final BackgroundExecutor worker = BackgroundExecutor.threadPool("tuning-test", 1);
    private TuningBackend backend;
    private TuningViewModel vm;
    private Path q4;

    @Start
    void start(Stage stage) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        q4 = models.resolve("inferdeck-tiny-q4_0.gguf");
        if (!Files.exists(q4)) {
            ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, models.resolve("inferdeck-tiny-q8_0.gguf"));
            ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, q4);
        }
        backend = new TuningBackend(new ModelLibrary(models), new ProfileLibrary(dir.resolve("profiles")), dir.resolve("history.db"),
                LaunchContext.forThisJvm(), dir.resolve("sweeps"), supervisor, Clock.systemUTC());
        vm = new TuningViewModel(backend, worker, FxDispatcher.onFxThread(timer), new TuningFixtures.RecordingEngine(), new EngineTarget());
        Scene scene = new Scene(new TuningView(vm), 1440, 900);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        worker.close();
        backend.close();
        supervisor.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void editsAProfileThenRunsATinySweepAndShowsTheRecommendation(FxRobot robot) throws Exception {
        DeploymentProfile running = DeploymentProfile.builder().name("tiny").model(q4.toString()).quantization("Q4_0")
                .ctx(1024).threads(1).build();   // the TINY model's trained context: room for the long built-in prompts
        robot.interact(() -> {
            vm.acceptEngine(new EngineSnapshot("tiny", running, List.of(new EngineState.Starting(1, 1)), List.of(), List.of(), List.of()));
            vm.acceptGpu(GpuSnapshot.withoutGpus(Instant.now(), SourceState.unavailable("NVML not available: no driver on this machine")));
        });
        // no float source beside them: only the two files on disk are offered, nothing to create
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.variants().stream().map(Variant::toString).sorted().toList().equals(List.of("Q4_0", "Q8_0")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tuning-fit-verdict").queryAs(Label.class).getText()).startsWith("No GPU: runs on CPU");

        TextField batch = robot.lookup("#tuning-batch").queryAs(TextField.class);
        robot.interact(() -> batch.setText("64"));   // below ubatch 512: the field says why
        assertThat(robot.lookup("#tuning-msg-batch").queryAs(Label.class).getText()).contains("must be >= ubatch");
        robot.interact(() -> batch.setText("512"));
        assertThat(robot.lookup("#tuning-msg-batch").queryAs(Label.class).getText()).isEmpty();
        capture(robot, "#page-tuning", "tuning-profile.png");

        robot.clickOn("Sweep");
        robot.interact(() -> {
            vm.sweep().quantsProperty().set("Q8_0,Q4_0");
            vm.sweep().parallelsProperty().set("1");
            vm.sweep().secondsProperty().set("1");
            vm.sweep().maxKlProperty().set("");   // no quality limit: a quant report would double this test's time
        });
        robot.clickOn("#sweep-run");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !vm.sweep().recommendationProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#sweep-table").queryAs(TableView.class).getItems()).hasSize(2);
        assertThat(vm.sweep().rows()).allSatisfy(r -> assertThat(r.requestsPerSecond()).as(r.slo()).isPositive());
        assertThat(robot.lookup("#sweep-recommendation").queryAs(Label.class).getText()).matches("(No r|R)ecommendation: .+");
        assertThat(robot.lookup("#sweep-chart .chart-symbol").queryAll()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(backend.history().list(10)).hasSize(2);
        capture(robot, "#page-tuning", "tuning.png");
    }

    private static void capture(FxRobot robot, String node, String file) throws Exception {
        var image = robot.capture(robot.lookup(node).<javafx.scene.Node>query()).getImage();
        Path out = Path.of("target", file);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }
}
