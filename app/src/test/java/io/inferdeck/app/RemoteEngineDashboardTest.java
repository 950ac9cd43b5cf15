package io.inferdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.app.cli.SpreadLatencyEngine;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.metrics.FigureSource;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.control.supervisor.RestartPolicy;
import io.inferdeck.services.bus.LiveBus;
import io.inferdeck.services.metrics.MetricsSampler;
import io.inferdeck.services.metrics.MetricsUpdate;
import io.inferdeck.views.dashboard.DashboardViewModel;
import io.inferdeck.views.dashboard.TileViewModel;
import io.inferdeck.views.fx.FxDispatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14's promise on the Dashboard itself: a {@code remote} profile attached to an engine with no
 * {@code /metrics} at all ({@link SpreadLatencyEngine}), served through its gateway, scraped by the console's
 * {@link MetricsSampler} into the console's {@link DashboardWiring}. Every latency and throughput tile then has
 * a figure, says it was measured by the gateway and, for percentiles, how many requests it rests on (exactly the
 * ones sent between the two scrapes); the charts hold the P50/P95/P99 and TTFT points.
 */
class RemoteEngineDashboardTest {
    private static final int REQUESTS = 12;

    @TempDir
    Path dir;

    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fx-dispatch"));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        supervisor.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void everyLatencyTileOfARemoteEngineWithoutMetricsHasTheGatewaysFigureItsSourceAndItsRequests() throws Exception {
        FxToolkit.registerPrimaryStage();
        SpreadLatencyEngine engine = new SpreadLatencyEngine(5, 40);
        open.add(engine);
        EngineTarget target = new EngineTarget();
        Deployment d = new Deployment(DeploymentProfile.builder().engine(EngineKind.REMOTE).name("remote")
                .baseUrl(engine.url().toString()).port(FreePorts.allocate()).build(), LaunchContext.forThisJvm(), dir,
                target, supervisor, RestartPolicy.DEFAULT, Clock.systemUTC());
        open.add(d);
        d.start();
        assertThat(d.awaitReady(Duration.ofSeconds(10))).isEmpty();
        LiveBus bus = new LiveBus();
        FxDispatcher dispatcher = FxDispatcher.onFxThread(timer);
        open.add(dispatcher);
        DashboardWiring wiring = new DashboardWiring(dispatcher, bus, dir.resolve("exports"), 2.0, 1.0, java.util.Optional.empty());
        open.add(wiring);
        MetricsSampler sampler = new MetricsSampler(target, bus.topic(MetricsSampler.UPDATES), Duration.ofSeconds(5), Clock.systemUTC());
        open.add(sampler);

        String gateway = d.frontUrl().toString();
        ask(gateway, 1);   // the gateway's labelled series appear with their first request (as in Prometheus)
        assertThat(sampler.sampleOnce()).isInstanceOf(MetricsUpdate.Scraped.class);
        ask(gateway, REQUESTS);
        assertThat(sampler.sampleOnce()).isInstanceOf(MetricsUpdate.Scraped.class);

        DashboardViewModel vm = wiring.viewModel();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> !vm.p95Tile().valueProperty().get().equals(TileViewModel.NOT_AVAILABLE)).get());
        WaitForAsyncUtils.asyncFx(() -> {
            String requests = "of " + REQUESTS + " requests · " + FigureSource.GATEWAY.note();
            for (TileViewModel tile : List.of(vm.p95Tile(), vm.p99Tile(), vm.ttftTile())) {
                assertThat(tile.availableProperty().get()).as(tile.label()).isTrue();
                assertThat(tile.sourceProperty().get()).as(tile.label()).isEqualTo(Optional.of(FigureSource.GATEWAY));
                assertThat(tile.noteProperty().get()).as(tile.label()).isEqualTo(requests);
            }
            for (TileViewModel tile : List.of(vm.qpsTile(), vm.tokensTile())) {
                assertThat(Double.parseDouble(tile.valueProperty().get())).as(tile.label()).isPositive();
                assertThat(tile.noteProperty().get()).as(tile.label()).isEqualTo(FigureSource.GATEWAY.note());
            }
            // e2e holds the TTFT and the 7 gaps between the 8 streamed tokens; P99 at least P95
            double p95 = Double.parseDouble(vm.p95Tile().valueProperty().get());
            assertThat(Double.parseDouble(vm.p99Tile().valueProperty().get())).isGreaterThanOrEqualTo(p95);
            assertThat(p95).isGreaterThan(Double.parseDouble(vm.ttftTile().valueProperty().get()));
            assertThat(vm.cacheHitRateTile().valueProperty().get()).as("no cache: n/a, never 0 %").isEqualTo(TileViewModel.NOT_AVAILABLE);
            assertThat(vm.engineMessageProperty().get()).startsWith("Engine metrics: gateway only");
            for (String series : List.of(DashboardViewModel.QPS, DashboardViewModel.E2E_P50, DashboardViewModel.E2E_P95,
                    DashboardViewModel.E2E_P99, DashboardViewModel.TTFT_P95)) {
                assertThat(vm.points(series)).as(series).isNotEmpty();
            }
            return null;
        }).get();
    }

    /** {@code n} streamed chat requests through the gateway, one after the other; each must succeed. */
    private static void ask(String gateway, int n) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < n; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/chat/completions"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + SpreadLatencyEngine.MODEL + "\",\"stream\":true,\"max_tokens\":8,"
                                        + "\"messages\":[{\"role\":\"user\",\"content\":\"question " + i + "\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        }
    }
}
