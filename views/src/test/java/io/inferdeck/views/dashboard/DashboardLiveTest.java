package io.inferdeck.views.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gpu.GpuSampler;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import io.inferdeck.runner.bench.RunnerProcess;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.dashboard.DashboardExporter;
import io.inferdeck.services.gpu.GpuFeed;
import io.inferdeck.services.metrics.MetricsSampler;
import io.inferdeck.styles.Theme;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.PromptSet;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Dashboard wired as in the console, nothing synthetic: the stand-in libnvidia-ml sampled by a
 * {@link GpuSampler} through NVML/JNA, a real runner process (TINY model) under light closed-loop load whose
 * /metrics the {@link MetricsSampler} scrapes at 1 Hz, both published on the live bus, whose topics feed the
 * page's dispatcher channel. Tiles and charts must follow the runner.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardLiveTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    private final DashboardViewModel vm = new DashboardViewModel(FxDispatcher.onFxThread(timers), 2.0, 1.0,
            DashboardViewModel.DEFAULT_SLO_P95);
    private final LiveBus bus = new LiveBus();
    private RunnerProcess runner;
    private GpuSampler gpus;
    private MetricsSampler metrics;

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new DashboardView(vm, new DashboardExporter(dir, Runnable::run, Clock.systemUTC())), 1920, 1080);
        scene.getStylesheets().setAll(Theme.DARK.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (metrics != null) {
            metrics.close();
        }
        timers.shutdownNow();
        timers.awaitTermination(5, TimeUnit.SECONDS);
        if (gpus != null) {
            gpus.close();
        }
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void tilesAndChartsFollowARealRunnerUnderLoadAndTheStandinGpus(FxRobot robot) throws Exception {
        Path model = dir.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        runner = RunnerProcess.start(List.of("--model", model.toString(), "--port", "0", "--ctx", "1024",
                "--parallel", "1", "--threads", "1"), dir.resolve("runner.log"), Duration.ofSeconds(60));
        Native.load(DashboardViewTest.STANDIN.toString(), DashboardViewTest.StandinControl.class)
                .nvmlStandinSetConfig(DashboardViewTest.EIGHT_GPUS.toString());
        gpus = GpuSampler.builder(NvmlGpuSource.builder().library(DashboardViewTest.STANDIN.toString()).build())
                .rateHz(2).build();
        EngineTarget target = new EngineTarget();
        target.set(EngineEndpoint.of(runner.base().toString()));
        metrics = new MetricsSampler(target, bus.topic(MetricsSampler.UPDATES), Duration.ofSeconds(2), Clock.systemUTC());
        // as the console's composition root does: bus topics into the page's channel
        bus.topic(GpuFeed.SNAPSHOTS).subscribe(vm::acceptGpu);
        bus.topic(MetricsSampler.UPDATES).subscribe(vm::accept);
        GpuFeed.connect(gpus, bus);
        gpus.start();
        metrics.start(timers, 1.0);

        CompletableFuture<BenchResult> load = new CompletableFuture<>();
        Thread.ofPlatform().name("test-load").daemon(true).start(() -> {   // its own thread: not the common pool
            try (LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
                load.complete(gen.run(BenchPlan.builder(runner.base().toString(), new LoadShape.ClosedLoop(1))
                        .duration(Duration.ofSeconds(8)).maxTokens(8).prompts(PromptSet.builtInShort()).build(), p -> { }));
            } catch (RuntimeException e) {
                load.completeExceptionally(e);
            }
        });

        Label qps = robot.lookup("#tile-requests-s .tile-value").queryAs(Label.class);
        Label p95 = robot.lookup("#tile-latency-p95 .tile-value").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !qps.getText().equals("n/a")
                    && Double.parseDouble(qps.getText()) > 0 && !p95.getText().equals("n/a")
                    && vm.points(DashboardViewModel.QPS).size() >= 3);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("tiles: qps=" + qps.getText() + " p95=" + p95.getText() + " qps points="
                    + vm.points(DashboardViewModel.QPS) + " engine: " + vm.engineMessageProperty().get(), e);
        }
        BenchResult r = load.get(30, TimeUnit.SECONDS);
        assertThat(r.ok()).isPositive();
        assertThat(robot.lookup("#gpu-card-7").tryQuery()).as("8 stand-in GPUs").isPresent();
        assertThat(robot.lookup("#tile-gpu-memory .tile-value").queryAs(Label.class).getText()).isNotEqualTo("n/a");
        LiveChart qpsChart = robot.lookup("#chart-qps").queryAs(LiveChart.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> qpsChart.getData().getFirst().getData().size() >= 3);
        assertThat(qpsChart.getData().getFirst().getData()).anyMatch(d -> d.getYValue().doubleValue() > 0);
    }
}
