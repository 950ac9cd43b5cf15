package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.profile.ProfileFiles.Format;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.dcgm.DcgmGpuSource;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet reader against a real Prometheus (Debian's {@code prometheus} on PATH; skipped without it) that scrapes,
 * every second, a config {@link PrometheusConfigWriter} rendered from a {@code fleet.yaml} written here: node-a =
 * an InferDeck gateway over a fast loopback engine, node-b = a gateway over a slow one plus a DCGM exporter page
 * (gpu-monitor's documented sample {@code dcgm/exporter-two-gpus.txt}) served over loopback.
 *
 * <p>How QPS is compared: after a warm-up (so the counter series exist), the test waits until Prometheus holds the
 * warm-up count for each gateway for a few scrapes, notes the last such sample's time {@code s}, sends a known
 * number of requests, waits until Prometheus has held the new count for a few scrapes and notes the latest sample's
 * time {@code e} (so the window spans several scrape intervals). The reader
 * is asked {@code --at e --window W} with {@code W = ceil(e - s)} whole seconds, so the window starts on the
 * warm-up plateau and ends on a sample: {@code rate()} then sees exactly the counter's rise, and its extrapolation
 * covers only the gap from the window's start to the first sample in it (zero when Prometheus aligns scrape times,
 * as 2.x does). The direct figure is (count after - count before) / W from the gateways' own /metrics, read with the
 * direct scraper's selector; they must agree within 2 %. GPU memory must equal {@link DcgmGpuSource}'s reading of
 * the same page. The SLO (e2e P95 above 0.5 s, {@code for: 0s}) must fire for the slow node only.
 */
class FleetPrometheusTest {
    private static final Path DCGM_SAMPLE = Path.of("..", "gpu-monitor", "src", "test", "resources", "dcgm", "exporter-two-gpus.txt");
    private static final String COMPLETED = "inferdeck_gateway_requests_total{outcome=\"ok\"}";
    private static final long SLOW_MS = 800;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void fleetStatusFromARealPrometheusAgreesWithDirectScrapesAndFiresTheSlo() throws Exception {
        Optional<Path> binary = Promtool.onPath("prometheus");
        assumeThat(binary).as("prometheus not on PATH (Debian package 'prometheus'; .ci/run installs it)").isPresent();
        try (ExecutorService pages = Executors.newVirtualThreadPerTaskExecutor();
             LoopbackNode a = new LoopbackNode(0); LoopbackNode b = new LoopbackNode(SLOW_MS)) {
            HttpServer dcgm = LoopbackNode.page(pages, Files.readString(DCGM_SAMPLE));
            try {
                String fleet = """
                        scrapeIntervalSeconds: 1
                        slo: {e2eP95Seconds: 0.5, windowSeconds: 30, forSeconds: 0}
                        nodes:
                          - name: node-a
                            targets: [{role: gateway, url: "%s"}]
                          - name: node-b
                            targets: [{role: gateway, url: "%s"}, {role: dcgm, url: "%s/metrics"}]
                        """.formatted(a.gatewayUrl(), b.gatewayUrl(), LoopbackNode.url(dcgm));
                new PrometheusConfigWriter(PrometheusConfigWriterTest.DIALECTS, k -> Optional.empty())
                        .write(FleetFiles.parse(fleet, Format.YAML, "fleet.yaml"), dir);
                try (PrometheusProcess prom = PrometheusProcess.start(binary.get(), dir.resolve(PrometheusConfigWriter.CONFIG),
                        dir, WAIT); HttpClient http = HttpClient.newHttpClient()) {
                    try {
                        check(new PrometheusClient(http, prom.base(), Duration.ofSeconds(5)), a, b, dcgm);
                    } catch (AssertionError | Exception e) {
                        throw new AssertionError(e + "\n--- prometheus log ---\n" + prom.log(), e);
                    }
                }
            } finally {
                dcgm.stop(0);
            }
        }
    }

    private void check(PrometheusClient client, LoopbackNode a, LoopbackNode b, HttpServer dcgm) throws Exception {
        PromWait wait = new PromWait(client, WAIT);
        wait.until("three targets up", () -> client.targets().size() == 3
                && client.targets().stream().allMatch(t -> t.health().equals("up")));
        assertThat(client.targets()).extracting(t -> t.labels().get("job") + "@" + t.labels().get("node"))
                .containsExactlyInAnyOrder("gateway@node-a", "gateway@node-b", "dcgm@node-b");

        List<LoopbackNode> nodes = List.of(a, b);
        a.chat(3);
        b.chat(3);
        Map<String, Instant> plateau = wait.plateau(COMPLETED, Map.of(a.instance(), a.completed(), b.instance(), b.completed()), 3);
        double a0 = a.completed(), b0 = b.completed();
        Instant sA = wait.lastSample(COMPLETED, a.instance()), sB = wait.lastSample(COMPLETED, b.instance());
        int nA = 40, nB = 20;
        a.chat(nA);
        b.chat(nB);
        double a1 = a.completed(), b1 = b.completed();
        assertThat(a1 - a0).as("direct count, node-a").isEqualTo(nA);
        assertThat(b1 - b0).as("direct count, node-b").isEqualTo(nB);
        wait.plateau(COMPLETED, Map.of(a.instance(), a1, b.instance(), b1), 3);
        Instant eA = wait.lastSample(COMPLETED, a.instance()), eB = wait.lastSample(COMPLETED, b.instance());
        long w = Math.max(ceilSeconds(sA, eA), ceilSeconds(sB, eB));
        assertThat(eA.minusSeconds(w)).as("node-a window starts on the plateau").isAfterOrEqualTo(plateau.get(a.instance()));
        assertThat(eB.minusSeconds(w)).as("node-b window starts on the plateau").isAfterOrEqualTo(plateau.get(b.instance()));

        FleetStatusReader reader = new FleetStatusReader(client, PrometheusConfigWriterTest.DIALECTS);
        double qpsA = qps(reader.read(eA, Duration.ofSeconds(w)), "node-a", a.instance());
        double qpsB = qps(reader.read(eB, Duration.ofSeconds(w)), "node-b", b.instance());
        System.out.printf("fleet QPS over W=%ds: node-a prometheus %.4f/s direct %.4f/s (%d req, at %s); "
                        + "node-b prometheus %.4f/s direct %.4f/s (%d req, at %s)%n",
                w, qpsA, (a1 - a0) / w, nA, eA, qpsB, (b1 - b0) / w, nB, eB);
        assertThat(qpsA).isCloseTo((a1 - a0) / w, within(0.02 * (a1 - a0) / w));
        assertThat(qpsB).isCloseTo((b1 - b0) / w, within(0.02 * (b1 - b0) / w));

        wait.until("SLO alert firing", () -> client.alerts().stream().anyMatch(x -> x.firing() && x.slo()));
        FleetStatus now = reader.read(Instant.now(), Duration.ofSeconds(30));
        assertThat(now.sloFiring()).isTrue();
        assertThat(now.firing()).filteredOn(PromAlert::slo).extracting(x -> x.name() + "@" + x.labels().get("instance"))
                .containsExactly(RulesRenderer.E2E_ALERT + "@" + b.instance());
        assertThat(engine(now, "node-a", a.instance()).slo()).isEqualTo("ok");
        assertThat(engine(now, "node-b", b.instance()).slo()).isEqualTo("firing");
        assertThat(FleetStatusFormat.json(now)).contains(RulesRenderer.E2E_ALERT, "\"sloFiring\":true");
        System.out.printf("SLO: %s firing for %s (e2e P95 %.3f s > 0.5 s); node-a P95 %.4f s%n", RulesRenderer.E2E_ALERT,
                b.instance(), engine(now, "node-b", b.instance()).figure(EngineFigure.E2E_P95).orElseThrow(),
                engine(now, "node-a", a.instance()).figure(EngineFigure.E2E_P95).orElse(Double.NaN));
        checkGpus(now, dcgm);
    }

    private static void checkGpus(FleetStatus status, HttpServer dcgm) throws Exception {
        List<GpuReading> direct;
        try (DcgmGpuSource source = DcgmGpuSource.builder(LoopbackNode.url(dcgm).resolve("/metrics")).build()) {
            direct = source.sample().gpus();
        }
        List<FleetStatus.Gpu> gpus = node(status, "node-b").gpus();
        assertThat(gpus).extracting(FleetStatus.Gpu::exporter).containsOnly("dcgm");
        assertThat(gpus).extracting(FleetStatus.Gpu::gpu)
                .containsExactlyElementsOf(direct.stream().map(r -> Integer.toString(r.index())).toList());
        for (GpuReading r : direct) {
            FleetStatus.Gpu g = gpus.stream().filter(x -> x.gpu().equals(Integer.toString(r.index()))).findFirst().orElseThrow();
            System.out.printf("GPU %d: prometheus used %.0f / total %.0f bytes, direct %d / %d%n", r.index(),
                    g.figure(GpuFigure.MEMORY_USED).orElseThrow(), g.figure(GpuFigure.MEMORY_TOTAL).orElseThrow(),
                    r.memoryUsedBytes(), r.memoryTotalBytes());
            assertThat(g.figure(GpuFigure.MEMORY_USED)).hasValue(r.memoryUsedBytes().doubleValue());
            assertThat(g.figure(GpuFigure.MEMORY_TOTAL)).hasValue(r.memoryTotalBytes().doubleValue());
        }
        assertThat(node(status, "node-a").gpus()).isEmpty();
    }

    private static long ceilSeconds(Instant from, Instant to) {
        return (Duration.between(from, to).toMillis() + 999) / 1000;
    }

    private static double qps(FleetStatus status, String node, String instance) {
        FleetStatus.Engine e = engine(status, node, instance);
        assertThat(e.flavor()).isEqualTo("gateway");
        return e.figure(EngineFigure.QPS).orElseThrow(() -> new AssertionError("no QPS for " + instance));
    }

    private static FleetStatus.Engine engine(FleetStatus status, String node, String instance) {
        return node(status, node).engines().stream().filter(e -> e.instance().equals(instance)).findFirst()
                .orElseThrow(() -> new AssertionError(instance + " not listed under " + node + ": " + status));
    }

    private static FleetStatus.Node node(FleetStatus status, String name) {
        return status.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + name + ": " + status));
    }
}
