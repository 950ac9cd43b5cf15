package io.inferdeck.services.fleet;

import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.metrics.GatewayMetricNames;
import io.inferdeck.control.profile.ProfileFiles.Format;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.dcgm.DcgmGpuSource;
import io.inferdeck.gpu.export.GpuMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A whole test fleet for other modules' tests (the Fleet page's screenshots): a real Prometheus on loopback with a
 * config rendered from a {@code fleet.yaml}, scraping node-a (a gateway over a fast engine and InferDeck's GPU
 * exporter over the stand-in NVML's eight GPUs) and node-b (a gateway over an engine answering after 1.5 s and a DCGM
 * page from gpu-monitor's sample), with a day of history for the same targets made by Prometheus' backfill
 * ({@link Backfill}) before it starts; {@link #start} returns once the SLO alert (e2e P95 over 1 s in 4 minutes) fires for node-b, and it keeps firing for
 * about 4 minutes. Empty when
 * {@code prometheus}/{@code promtool} are not on PATH or the stand-in NVML has not been built.
 */
public final class FleetTestBed implements AutoCloseable {
    private static final Path DCGM_SAMPLE = Path.of("..", "gpu-monitor", "src", "test", "resources", "dcgm", "exporter-two-gpus.txt");
    private static final double[] LES = {0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

    private final ExecutorService pages = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private LoopbackNode a, b;
    private HttpServer dcgm;
    private StandinGpuExporter gpus;
    private PrometheusProcess prom;

    private FleetTestBed() {
    }

    public static Optional<FleetTestBed> start(Path dir) throws Exception {
        Optional<Path> prometheus = Promtool.onPath("prometheus"), promtool = Promtool.onPath("promtool");
        Optional<StandinGpuExporter> standin = prometheus.isPresent() && promtool.isPresent() ? StandinGpuExporter.start() : Optional.empty();
        if (standin.isEmpty()) {
            return Optional.empty();
        }
        FleetTestBed bed = new FleetTestBed();
        try {
            bed.gpus = standin.get();
            bed.run(dir, prometheus.get(), promtool.get());
            return Optional.of(bed);
        } catch (Exception | AssertionError e) {
            String log = bed.prom == null ? "" : "\n--- prometheus log ---\n" + bed.prom.log();
            bed.close();
            throw new IllegalStateException(e + log, e);
        }
    }

    private void run(Path dir, Path prometheus, Path promtool) throws Exception {
        a = new LoopbackNode(0);
        b = new LoopbackNode(1500);
        dcgm = LoopbackNode.page(pages, Files.readString(DCGM_SAMPLE));
        String fleet = """
                scrapeIntervalSeconds: 2
                slo: {e2eP95Seconds: 1.0, windowSeconds: 240, forSeconds: 0}
                nodes:
                  - name: node-a
                    targets: [{role: gateway, url: "%s"}, {role: gpu-exporter, url: "%s"}]
                  - name: node-b
                    targets: [{role: gateway, url: "%s"}, {role: dcgm, url: "%s/metrics"}]
                """.formatted(a.gatewayUrl(), gpus.url(), b.gatewayUrl(), LoopbackNode.url(dcgm));
        new PrometheusConfigWriter(dialects(), k -> Optional.empty()).write(FleetFiles.parse(fleet, Format.YAML, "fleet.yaml"), dir);
        Path history = dir.resolve("history.om");
        Instant now = Instant.now();
        // the history ends before the windows read at "now" (status 5 min, SLO 4 min) begin: the backfilled latency
        // histograms have their own few buckets, and a sum by le over two bucket sets is no histogram
        history(now).write(history, now.minus(Duration.ofHours(25)), now.minus(Duration.ofMinutes(10)), Duration.ofMinutes(1));
        Backfill.createBlocks(promtool, history, dir.resolve("data"));
        prom = PrometheusProcess.start(prometheus, dir.resolve(PrometheusConfigWriter.CONFIG), dir, Duration.ofSeconds(30));
        PromWait wait = new PromWait(client(), Duration.ofSeconds(60));
        wait.until("all four targets up", () -> client().targets().size() == 4
                && client().targets().stream().allMatch(t -> t.health().equals("up")));
        // a histogram's series appear with the first request: rate() sees a rise only after Prometheus has a sample before it
        a.chat(2);
        b.chat(2);
        String count = GatewayMetricNames.E2E + "_count";
        wait.until("latency series scraped", () -> client().query("count by (instance) (" + count + ")", Instant.now()).size() == 2);
        Thread.sleep(2500);   // one more scrape interval holding the warm-up count
        a.chat(30);
        b.chat(10);
        wait.until("SLO alert firing", () -> client().alerts().stream().anyMatch(x -> x.firing() && x.slo()));
    }

    /** The day before: both gateways with a daily load (node-b slow), the stand-in GPUs and DCGM's busy by day. */
    private Backfill history(Instant now) {
        Backfill h = new Backfill();
        Map<String, String> ga = labels("gateway", "node-a", a.instance()), gb = labels("gateway", "node-b", b.instance());
        h.counter(GatewayMetricNames.REQUESTS, with(ga, "outcome", "ok"), Backfill.dailyCount(3.0))
                .counter(GatewayMetricNames.REQUESTS, with(gb, "outcome", "ok"), Backfill.dailyCount(1.2))
                .histogram(GatewayMetricNames.E2E, ga, Backfill.dailyCount(3.0), LES, new double[] {0.05, 0.7, 0.97, 0.995, 1, 1, 1}, 0.2)
                .histogram(GatewayMetricNames.E2E, gb, Backfill.dailyCount(1.2), LES, new double[] {0, 0.01, 0.1, 0.55, 0.93, 0.99, 1}, 1.2);
        Map<String, String> ge = labels("gpu-exporter", "node-a", gpus.url().getHost() + ":" + gpus.url().getPort());
        for (GpuReading r : gpus.snapshot().gpus()) {
            Map<String, String> gl = with(ge, "gpu", Integer.toString(r.index()));
            double used = r.memoryUsedBytes() == null ? 0 : r.memoryUsedBytes();
            h.gauge(GpuMetrics.MEMORY_USED, gl, Backfill.dailyLevel(0.55 * used, used, r.index()));
            h.gauge(GpuMetrics.UTILIZATION, gl, Backfill.dailyLevel(0.15, 0.97, r.index()));
        }
        for (int g = 0; g < 2; g++) {
            Map<String, String> dl = with(with(labels("dcgm", "node-b", LoopbackNode.url(dcgm).getAuthority()), "gpu", Integer.toString(g)),
                    "Hostname", "gpu-node-7");
            h.gauge(DcgmGpuSource.FB_USED, dl, Backfill.dailyLevel(30_000, 70_000, 12 + g));
            h.gauge(DcgmGpuSource.GPU_UTIL, dl, Backfill.dailyLevel(10, 90, 12 + g));
        }
        return h;
    }

    public URI prometheus() {
        return prom.base();
    }

    public static FleetDialects dialects() {
        return PrometheusConfigWriterTest.DIALECTS;
    }

    private PrometheusClient client() {
        return new PrometheusClient(http, prom.base(), Duration.ofSeconds(10));
    }

    private static Map<String, String> labels(String job, String node, String instance) {
        return Map.of("job", job, "node", node, "instance", instance);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> m = new HashMap<>(labels);
        m.put(key, value);
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        if (prom != null) prom.close();
        if (a != null) a.close();
        if (b != null) b.close();
        if (dcgm != null) dcgm.stop(0);
        if (gpus != null) gpus.close();
        http.close();
        pages.shutdownNow();
    }
}
