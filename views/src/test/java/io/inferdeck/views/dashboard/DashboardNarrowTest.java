package io.inferdeck.views.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.metrics.CacheHitRate;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.Figure;
import io.inferdeck.control.metrics.FigureSource;
import io.inferdeck.control.metrics.GatewayMetricNames;
import io.inferdeck.control.metrics.Percentiles;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import io.inferdeck.services.dashboard.DashboardExporter;
import io.inferdeck.styles.Theme;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Dashboard as a 1280x720 console leaves it (1056x690 beside the navigation), fed what a remote engine
 * without /metrics gives through the gateway, on a machine without GPUs: every tile's figure and note, and
 * every toolbar control, reads whole (no "…"), the tiles take two rows, and the latency chart keeps its legend.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardNarrowTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path exports;

    private final DashboardViewModel vm = new DashboardViewModel(ImmediateDispatcher.create());

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new DashboardView(vm, new DashboardExporter(exports, Runnable::run, Clock.systemUTC())), 1056, 690);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    /** What the normalizer makes of a gateway-only page: 1234 requests in the window, a third of them cache hits. */
    private static EngineMetrics gatewayOnly(Instant at) {
        Percentiles e2e = new Percentiles(OptionalDouble.of(0.42), OptionalDouble.of(0.77), OptionalDouble.of(1.04), OptionalDouble.of(1234));
        Percentiles ttft = new Percentiles(OptionalDouble.of(0.15), OptionalDouble.of(0.34), OptionalDouble.of(0.52), OptionalDouble.of(1234));
        EngineMetrics.Builder b = EngineMetrics.builder(at, GatewayMetricNames.FLAVOR).window(Duration.ofSeconds(30))
                .qps(OptionalDouble.of(41.13)).e2e(e2e).ttft(ttft).tokensOutPerSec(OptionalDouble.of(329.1))
                .running(OptionalDouble.of(8)).cacheHitRate(Optional.of(new CacheHitRate(0.333, 1234)));
        for (Figure f : List.of(Figure.QPS, Figure.E2E, Figure.TTFT, Figure.TOKENS_OUT_PER_SEC, Figure.RUNNING, Figure.CACHE_HIT_RATE)) {
            b.source(f, FigureSource.GATEWAY);
        }
        return b.build();
    }

    @Test
    void everyFigureNoteAndControlReadsWholeAtTheSizeA1280x720ConsoleLeaves(FxRobot robot) {
        robot.interact(() -> {
            vm.acceptGpu(GpuSnapshot.builder().at(T0).state(SourceState.unavailable(
                    "NVML not available: libnvidia-ml.so.1: cannot open shared object file: No such file or directory")).build());
            for (int s = 0; s < 60; s++) {
                vm.acceptMetrics(gatewayOnly(T0.plusSeconds(s)));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String selector : List.of(".tile-label", ".tile-value", ".tile-unit", ".tile-note", ".dashboard-toolbar .button",
                ".dashboard-toolbar .label")) {
            for (Node n : robot.lookup(selector).queryAll()) {
                if (n instanceof Labeled l && l.isVisible() && !l.getStyleClass().contains("dashboard-engine-message")) {
                    assertThat(shown(l)).as(selector + " " + l.getText()).isEqualTo(l.getText());
                }
            }
        }
        assertThat(robot.lookup("#tile-ttft-p95 .tile-note").queryLabeled().getText()).isEqualTo("of 1234 requests\nvia gateway");
        assertThat(robot.lookup(".dashboard-tile-row").queryAll()).as("tile rows").hasSize(2);
        Bounds charts = robot.lookup("#chart-kv").query().localToScene(robot.lookup("#chart-kv").query().getLayoutBounds());
        assertThat(charts.getMaxY()).as("the charts end inside the window").isLessThanOrEqualTo(690);
        Node legend = robot.lookup("#chart-latency-key").query();
        assertThat(legend.isVisible() && legend.getLayoutBounds().getHeight() > 0).as("P50/P95/P99 told apart").isTrue();
        assertThat(robot.lookup("#chart-latency-key .chart-key-item").queryAll()).as("no objective configured: no SLO line")
                .extracting(n -> ((Labeled) n).getText()).containsExactly("P50", "P95", "P99");
        assertThat(robot.lookup("#chart-gpu-memory-key").query().isVisible()).as("no GPUs: nothing to name").isFalse();
        LiveChart kv = robot.lookup("#chart-kv").queryAs(LiveChart.class);
        assertThat(((javafx.scene.chart.NumberAxis) kv.getYAxis()).getUpperBound()).as("KV cache axis ends at 100 %").isEqualTo(100);
        Labeled noGpu = robot.lookup("#dashboard-gpu-empty").queryLabeled();
        assertThat(noGpu.getText()).isEqualTo("No GPU readings");
        assertThat(noGpu.getTooltip().getText()).startsWith("NVML not available: libnvidia-ml.so.1");
        assertThat(shown(noGpu)).isEqualTo(noGpu.getText());
    }

    /** The text a label draws: its own, or cut with "…" where it does not fit. */
    private static String shown(Labeled l) {
        return ((Text) l.lookup(".text")).getText();
    }
}
