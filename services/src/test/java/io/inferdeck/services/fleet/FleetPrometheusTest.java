package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.profile.ProfileFiles.Format;
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
 * <p>How QPS is compared: after a warm-up (so the counter series exist), the test waits until Prometheus has held
 * the warm-up count for each gateway for a few scrapes and notes the latest sample's time {@code s}, sends a known
 * number of requests, waits until Prometheus has held the new count for a few scrapes and notes the latest sample's
 * time {@code e}. Each engine is then read {@code --at e --window (e - s)} (milliseconds): Prometheus 2.x range
 * selectors include both ends, so {@code rate()} sees exactly the samples at {@code s} and {@code e} at the window's
 * edges and extrapolates nothing (with whole-second windows, scrape-time jitter on a loaded machine made it
 * extrapolate up to a second: 7 % off). The windows are per node, since each target has its own scrape times. The
 * direct figure is (count after - count before) / (e - s) from the gateways' own /metrics, read with the
 * direct scraper's selector; they must agree within 2 %. Every DCGM GPU figure must agree (2 %) with
 * {@link DcgmGpuSource}'s reading of the same page. The SLO (e2e P95 above 1 s, {@code for: 0s}) must fire for
 * the slow node only. Every figure compared is taken from the document {@code fleet status --json} prints
 * ({@link StatusJson} parses {@link FleetStatusFormat#json} back), so the JSON itself lists both engines and every GPU
 * with agreeing figures. node-a also has InferDeck's GPU exporter over the stand-in NVML (eight GPUs) when
 * gpu-monitor's build made the stand-in library; its figures must agree with the snapshot it serves.
 */
class FleetPrometheusTest {
    private static final Path DCGM_SAMPLE = Path.of("..", "gpu-monitor", "src", "test", "resources", "dcgm", "exporter-two-gpus.txt");
    private static final String COMPLETED = "inferdeck_gateway_requests_total{outcome=\"ok\"}";
    private static final long SLOW_MS = 1500;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void fleetStatusFromARealPrometheusAgreesWithDirectScrapesAndFiresTheSlo() throws Exception {
        Optional<Path> binary = Promtool.onPath("prometheus");
        assumeThat(binary).as("prometheus not on PATH (Debian package 'prometheus'; .ci/run installs it)").isPresent();
        Optional<StandinGpuExporter> standin = StandinGpuExporter.start();
        try (ExecutorService pages = Executors.newVirtualThreadPerTaskExecutor();
             LoopbackNode a = new LoopbackNode(0); LoopbackNode b = new LoopbackNode(SLOW_MS)) {
            HttpServer dcgm = LoopbackNode.page(pages, Files.readString(DCGM_SAMPLE));
            try {
                String gpuExporter = standin.map(g -> ", {role: gpu-exporter, url: \"" + g.url() + "\"}").orElse("");
                String fleet = """
                        scrapeIntervalSeconds: 1
                        slo: {e2eP95Seconds: 1.0, windowSeconds: 30, forSeconds: 0}
                        nodes:
                          - name: node-a
                            targets: [{role: gateway, url: "%s"}%s]
                          - name: node-b
                            targets: [{role: gateway, url: "%s"}, {role: dcgm, url: "%s/metrics"}]
                        """.formatted(a.gatewayUrl(), gpuExporter, b.gatewayUrl(), LoopbackNode.url(dcgm));
                new PrometheusConfigWriter(PrometheusConfigWriterTest.DIALECTS, k -> Optional.empty())
                        .write(FleetFiles.parse(fleet, Format.YAML, "fleet.yaml"), dir);
                try (PrometheusProcess prom = PrometheusProcess.start(binary.get(), dir.resolve(PrometheusConfigWriter.CONFIG),
                        dir, WAIT); HttpClient http = HttpClient.newHttpClient()) {
                    try {
                        check(new PrometheusClient(http, prom.base(), Duration.ofSeconds(5)), a, b, dcgm, standin);
                    } catch (AssertionError | Exception e) {
                        throw new AssertionError(e + "\n--- prometheus log ---\n" + prom.log(), e);
                    }
                }
            } finally {
                dcgm.stop(0);
                standin.ifPresent(StandinGpuExporter::close);
            }
        }
    }

    private void check(PrometheusClient client, LoopbackNode a, LoopbackNode b, HttpServer dcgm,
                       Optional<StandinGpuExporter> standin) throws Exception {
        PromWait wait = new PromWait(client, WAIT);
        List<String> jobs = new java.util.ArrayList<>(List.of("gateway@node-a", "gateway@node-b", "dcgm@node-b"));
        standin.ifPresent(g -> jobs.add("gpu-exporter@node-a"));
        wait.until("all targets up", () -> client.targets().size() == jobs.size()
                && client.targets().stream().allMatch(t -> t.health().equals("up")));
        assertThat(client.targets()).extracting(t -> t.labels().get("job") + "@" + t.labels().get("node"))
                .containsExactlyInAnyOrderElementsOf(jobs);

        List<LoopbackNode> nodes = List.of(a, b);
        a.chat(3);
        b.chat(3);
        wait.plateau(COMPLETED, Map.of(a.instance(), a.completed(), b.instance(), b.completed()), 3);
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
        Duration wA = Duration.between(sA, eA), wB = Duration.between(sB, eB);
        FleetStatusReader reader = new FleetStatusReader(client, PrometheusConfigWriterTest.DIALECTS);
        double qpsA = qps(StatusJson.printed(reader.read(eA, wA)), "node-a", a.instance());
        double qpsB = qps(StatusJson.printed(reader.read(eB, wB)), "node-b", b.instance());
        double directA = (a1 - a0) / (wA.toMillis() / 1000.0), directB = (b1 - b0) / (wB.toMillis() / 1000.0);
        System.out.printf("fleet QPS: node-a prometheus %.4f/s direct %.4f/s (%d req, --at %s --window %dms); "
                + "node-b prometheus %.4f/s direct %.4f/s (%d req, --at %s --window %dms)%n",
                qpsA, directA, nA, eA, wA.toMillis(), qpsB, directB, nB, eB, wB.toMillis());
        assertThat(qpsA).isCloseTo(directA, within(0.02 * directA));
        assertThat(qpsB).isCloseTo(directB, within(0.02 * directB));
        List<PromRange> range = client.queryRange("sum by (instance) (" + COMPLETED + ")", sA, eA, Duration.ofSeconds(1));
        PromRange ra = range.stream().filter(r -> r.labels().get("instance").equals(a.instance())).findFirst().orElseThrow();
        assertThat(ra.points().getLast().value() - ra.points().getFirst().value()).as("range query rise, node-a").isEqualTo(a1 - a0);

        wait.until("SLO alert firing", () -> client.alerts().stream().anyMatch(x -> x.firing() && x.slo()));
        FleetStatus now = StatusJson.printed(reader.read(Instant.now(), Duration.ofSeconds(30)));
        assertThat(now.sloFiring()).isTrue();
        assertThat(now.firing()).filteredOn(PromAlert::slo).extracting(x -> x.name() + "@" + x.labels().get("instance"))
                .containsExactly(RulesRenderer.E2E_ALERT + "@" + b.instance());
        assertThat(engine(now, "node-a", a.instance()).slo()).isEqualTo("ok");
        assertThat(engine(now, "node-b", b.instance()).slo()).isEqualTo("firing");
        assertThat(FleetStatusFormat.json(reader.read(eB, wB))).contains("\"windowSeconds\":" + wB.toMillis() / 1000.0);
        System.out.printf("SLO: %s firing for %s (e2e P95 %.3f s > 1.0 s); node-a P95 %.4f s%n", RulesRenderer.E2E_ALERT,
                b.instance(), engine(now, "node-b", b.instance()).figure(EngineFigure.E2E_P95).orElseThrow(),
                engine(now, "node-a", a.instance()).figure(EngineFigure.E2E_P95).orElse(Double.NaN));
        checkGpus(now, dcgm, standin);
    }

    /** GPUs as the reader got them against direct readings: DCGM's page by {@link DcgmGpuSource}, the stand-in's snapshot. */
    private static void checkGpus(FleetStatus status, HttpServer dcgm, Optional<StandinGpuExporter> standin) throws Exception {
        try (DcgmGpuSource source = DcgmGpuSource.builder(LoopbackNode.url(dcgm).resolve("/metrics")).build()) {
            GpuAgreement.check(node(status, "node-b"), "dcgm", source.sample().gpus());
        }
        assertThat(node(status, "node-b").gpus()).extracting(FleetStatus.Gpu::exporter).containsOnly("dcgm");
        if (standin.isPresent()) {
            GpuAgreement.check(node(status, "node-a"), "inferdeck-gpu", standin.get().snapshot().gpus());
            assertThat(node(status, "node-a").gpus()).hasSize(standin.get().snapshot().gpus().size());
        } else {
            System.out.println("stand-in NVML not built (" + StandinGpuExporter.LIBRARY + "): node-a without GPU exporter");
            assertThat(node(status, "node-a").gpus()).isEmpty();
        }
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
