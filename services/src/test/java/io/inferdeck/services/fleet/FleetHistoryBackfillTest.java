package io.inferdeck.services.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.inferdeck.control.metrics.GatewayMetricNames;
import io.inferdeck.gpu.dcgm.DcgmGpuSource;
import io.inferdeck.gpu.export.GpuMetrics;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 24-hour range from Prometheus history made by its backfill ({@code promtool tsdb create-blocks-from openmetrics},
 * see {@link Backfill}), read by {@link FleetHistoryReader} from a real Prometheus started on those blocks (skipped
 * without {@code prometheus}/{@code promtool} on PATH). Two gateways with a daily load curve and bucket shares of
 * their own, two InferDeck-exported GPUs and one DCGM GPU. Every point of every line must agree within 2 % with the
 * generator: QPS = the counter's rise over the step (samples every minute on epoch minutes, steps of 6 minutes ending
 * on them, so {@code rate()} sees both ends and extrapolates nothing), P95 = linear interpolation inside the bucket
 * that holds it (as {@code histogram_quantile} does), GPU figures = the gauge's value at that time.
 */
class FleetHistoryBackfillTest {
    private static final Duration EVERY = Duration.ofMinutes(1);
    private static final double[] LES = {0.1, 0.25, 1.0, 2.5, 5.0};
    private static final Map<String, String> A = Map.of("job", "gateway", "node", "node-a", "instance", "10.0.0.5:8000");
    private static final Map<String, String> B = Map.of("job", "gateway", "node", "node-b", "instance", "10.0.0.6:8000");

    @TempDir
    Path dir;

    @Test
    void aDayOfBackfilledHistoryReadsBackAsTheGeneratorMadeIt() throws Exception {
        Optional<Path> prometheus = Promtool.onPath("prometheus"), promtool = Promtool.onPath("promtool");
        assumeThat(prometheus.isPresent() && promtool.isPresent()).as("prometheus/promtool not on PATH (Debian package 'prometheus')").isTrue();
        Instant to = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 60 * 60), from = to.minus(Duration.ofHours(24));
        DoubleUnaryOperator countA = Backfill.dailyCount(4.0), countB = Backfill.dailyCount(1.5);
        double[] sharesA = {0.0, 1.0, 1.0, 1.0, 1.0}, sharesB = {0.0, 0.0, 0.0, 1.0, 1.0};
        DoubleUnaryOperator memory0 = Backfill.dailyLevel(40e9, 76e9, 0), memory1 = Backfill.dailyLevel(10e9, 20e9, 6);
        DoubleUnaryOperator utilDcgm = Backfill.dailyLevel(20, 90, 3);
        Map<String, String> gpuA = Map.of("job", "gpu-exporter", "node", "node-a", "instance", "10.0.0.5:9400");
        Backfill history = new Backfill()
                .counter(GatewayMetricNames.REQUESTS, with(A, "outcome", "ok"), countA)
                .counter(GatewayMetricNames.REQUESTS, with(B, "outcome", "ok"), countB)
                .histogram(GatewayMetricNames.E2E, A, countA, LES, sharesA, 0.2)
                .histogram(GatewayMetricNames.E2E, B, countB, LES, sharesB, 1.8)
                .gauge(GpuMetrics.MEMORY_USED, with(gpuA, "gpu", "0"), memory0)
                .gauge(GpuMetrics.MEMORY_USED, with(gpuA, "gpu", "1"), memory1)
                .gauge(DcgmGpuSource.GPU_UTIL, Map.of("job", "dcgm", "node", "node-b", "instance", "10.0.0.6:9400", "gpu", "0",
                        "Hostname", "b"), utilDcgm);
        Path file = dir.resolve("history.om");
        history.write(file, from.minus(Duration.ofMinutes(10)), to, EVERY);
        Backfill.createBlocks(promtool.get(), file, dir.resolve("data"));
        Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 1m}\n");
        try (PrometheusProcess prom = PrometheusProcess.start(prometheus.get(), dir.resolve("prometheus.yml"), dir, Duration.ofSeconds(30));
             HttpClient http = HttpClient.newHttpClient()) {
            FleetHistory h = new FleetHistoryReader(new PrometheusClient(http, prom.base(), Duration.ofSeconds(10)),
                    PrometheusConfigWriterTest.DIALECTS).read(from, to);
            long step = h.step().toSeconds();
            assertThat(step).isEqualTo(Duration.ofHours(24).toSeconds() / FleetHistoryReader.POINTS);
            check(trend(h, "qps"), List.of("node-a 10.0.0.5:8000", "node-b 10.0.0.6:8000"), from, to,
                    List.of(t -> (countA.applyAsDouble(t) - countA.applyAsDouble(t - step)) / step,
                            t -> (countB.applyAsDouble(t) - countB.applyAsDouble(t - step)) / step));
            double p95A = quantile(0.95, sharesA), p95B = quantile(0.95, sharesB);
            check(trend(h, "e2e-p95"), List.of("node-a 10.0.0.5:8000", "node-b 10.0.0.6:8000"), from, to, List.of(t -> p95A, t -> p95B));
            check(trend(h, "gpu-memory"), List.of("node-a gpu 0", "node-a gpu 1"), from, to, List.of(memory0, memory1));
            check(trend(h, "gpu-util"), List.of("node-b gpu 0"), from, to, List.of(t -> utilDcgm.applyAsDouble(t) / 100));
            System.out.printf("backfilled day: %d points per line, step %d s, P95 node-a %.4f s node-b %.4f s%n",
                    trend(h, "qps").lines().getFirst().points().size(), step, p95A, p95B);
        }
    }

    /** Each line, in order, covers the whole range and agrees (2 %) with its generator at every point. */
    private static void check(FleetHistory.Trend trend, List<String> labels, Instant from, Instant to, List<DoubleUnaryOperator> expected) {
        assertThat(trend.lines()).extracting(FleetHistory.Line::label).as(trend.id()).containsExactlyElementsOf(labels);
        for (int i = 0; i < labels.size(); i++) {
            List<PromRange.Point> points = trend.lines().get(i).points();
            assertThat(points.getFirst().at()).as(labels.get(i) + " first point").isEqualTo(from);
            assertThat(points.getLast().at()).as(labels.get(i) + " last point").isEqualTo(to);
            assertThat(points).as(labels.get(i) + " points").hasSize(FleetHistoryReader.POINTS + 1);
            for (PromRange.Point p : points) {
                double want = expected.get(i).applyAsDouble(p.at().getEpochSecond());
                assertThat(p.value()).as(trend.id() + " " + labels.get(i) + " at " + p.at()).isCloseTo(want, within(Math.abs(want) * 0.02));
            }
        }
    }

    /** histogram_quantile's answer: linear inside the bucket that holds rank q (shares are cumulative, lower bound 0). */
    private static double quantile(double q, double[] shares) {
        double lower = 0, below = 0;
        for (int i = 0; i < LES.length; i++) {
            if (shares[i] >= q) {
                return lower + (LES[i] - lower) * (q - below) / (shares[i] - below);
            }
            lower = LES[i];
            below = shares[i];
        }
        throw new IllegalArgumentException("q beyond the last finite bucket");
    }

    private static FleetHistory.Trend trend(FleetHistory h, String id) {
        return h.trends().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(labels);
        m.put(key, value);
        return m;
    }
}
