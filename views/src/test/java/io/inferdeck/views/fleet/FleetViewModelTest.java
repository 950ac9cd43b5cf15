package io.inferdeck.views.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.services.fleet.EngineFigure;
import io.inferdeck.services.fleet.FleetHistory;
import io.inferdeck.services.fleet.FleetSource;
import io.inferdeck.services.fleet.FleetStatus;
import io.inferdeck.services.fleet.GpuFigure;
import io.inferdeck.services.fleet.PromAlert;
import io.inferdeck.services.fleet.PromRange;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.ImmediateDispatcher;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The Fleet page's view-model over a fixed {@link FleetSource}: rows with "n/a" for figures not available (never 0),
 * the firing alert, the range asked for, click-through to one node (tables and history lines), a bad URL refused
 * before any read, a failed read reported without losing what was shown. The real Prometheus path is covered by
 * services' FleetPrometheusTest / FleetHistoryBackfillTest and the on-request FleetPageScreenshotTest.
 */
class FleetViewModelTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final List<String> asked = new ArrayList<>();
    private IOException failNext;

    private final FleetSource source = new FleetSource() {
        @Override
        public FleetStatus status(Instant at, Duration window) throws IOException {
            if (failNext != null) {
                throw failNext;
            }
            asked.add("status " + at + " " + window);
            var gpu = new FleetStatus.Gpu("10.0.0.5:9400", "0", "inferdeck-gpu", Map.of(GpuFigure.MEMORY_USED, 40.0 * (1L << 30),
                    GpuFigure.MEMORY_TOTAL, 80.0 * (1L << 30), GpuFigure.UTILIZATION, 0.97));
            var fast = new FleetStatus.Engine("10.0.0.5:8000", "vllm", Map.of(EngineFigure.QPS, 4.25, EngineFigure.E2E_P95, 0.5),
                    Map.of(), "ok");
            var slow = new FleetStatus.Engine("10.0.0.6:8000", "gateway", Map.of(EngineFigure.E2E_P95, 2.5), Map.of(), "firing");
            var alert = new PromAlert(Map.of("alertname", "InferDeckSloE2eP95", "kind", "slo", "node", "node-b",
                    "instance", "10.0.0.6:8000"), Map.of(), "firing", OptionalDouble.of(2.5));
            return new FleetStatus(at, window, List.of(new FleetStatus.Node("node-a", List.of(gpu), List.of(fast)),
                    new FleetStatus.Node("node-b", List.of(), List.of(slow))), List.of(alert));
        }

        @Override
        public FleetHistory history(Instant from, Instant to) {
            asked.add("history " + from + " " + to);
            List<PromRange.Point> points = List.of(new PromRange.Point(from, 1), new PromRange.Point(to, 2));
            return new FleetHistory(from, to, Duration.ofMinutes(6), List.of(new FleetHistory.Trend("qps", "Requests per second", "1/s",
                    List.of(new FleetHistory.Line("node-a 10.0.0.5:8000", points), new FleetHistory.Line("node-b 10.0.0.6:8000", points)))));
        }
    };

    private final List<URI> bases = new ArrayList<>();
    private final FleetViewModel vm = new FleetViewModel(b -> {
        bases.add(b);
        return source;
    }, "http://127.0.0.1:9090", BackgroundExecutor.sameThread(), ImmediateDispatcher.create(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void showsTheFleetTheRangeAskedForAndNarrowsToAClickedNode() {
        vm.rangeProperty().set(Duration.ofHours(24));
        vm.refresh();
        assertThat(bases).containsExactly(URI.create("http://127.0.0.1:9090"));
        assertThat(asked).containsExactly("status " + NOW + " " + FleetViewModel.WINDOW,
                "history " + NOW.minus(Duration.ofHours(24)) + " " + NOW);
        assertThat(vm.summaryProperty().get()).isEqualTo("2 nodes · 1 GPUs · 2 engines · 1 alert firing");
        assertThat(vm.alerts()).containsExactly("InferDeckSloE2eP95 — node-b 10.0.0.6:8000");
        assertThat(vm.nodes()).containsExactly(FleetViewModel.ALL, "node-a", "node-b");
        assertThat(vm.gpus()).singleElement().satisfies(g -> {
            assertThat(g.memory()).isEqualTo("40.0 / 80.0 GiB");
            assertThat(g.utilization()).isEqualTo("97 %");
            assertThat(g.power()).isEqualTo("n/a");
            assertThat(g.engines()).isEqualTo("10.0.0.5:8000");
        });
        assertThat(vm.engines()).extracting(FleetRows.Engine::qps).containsExactly("4.25", "n/a");
        assertThat(vm.engines()).extracting(FleetRows.Engine::firing).containsExactly(false, true);
        assertThat(vm.historyProperty().get().trends().getFirst().lines()).hasSize(2);

        vm.select("node-b");
        assertThat(vm.engines()).extracting(FleetRows.Engine::instance).containsExactly("10.0.0.6:8000");
        assertThat(vm.gpus()).isEmpty();
        assertThat(vm.historyProperty().get().trends().getFirst().lines()).extracting(FleetHistory.Line::label)
                .containsExactly("node-b 10.0.0.6:8000");
        vm.select(null);
        assertThat(vm.engines()).hasSize(2);
    }

    @Test
    void aBadUrlIsRefusedAndAFailedReadKeepsWhatWasShown() {
        vm.urlProperty().set("127.0.0.1:9090");
        vm.refresh();
        assertThat(bases).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("Prometheus URL:");

        vm.urlProperty().set("http://127.0.0.1:9090");
        vm.refresh();
        failNext = new IOException("connection refused");
        vm.refresh();
        assertThat(vm.messageProperty().get()).contains("connection refused");
        assertThat(vm.engines()).hasSize(2);
    }
}
