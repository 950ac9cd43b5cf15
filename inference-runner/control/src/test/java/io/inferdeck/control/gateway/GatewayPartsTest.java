package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.driver.EngineDrivers;
import io.inferdeck.control.metrics.GatewayMetricNames;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.control.metrics.ParsedMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bucket layout, the dialect that tells the gateway's page from the built-in runner's, and log rotation. */
class GatewayPartsTest {
    @TempDir
    Path dir;

    @Test
    void bucketsGrowByAtMostFivePercentFromBelowFiveMillisecondsToBeyondSixtySeconds() {
        double[] b = LatencyBuckets.bounds();
        assertThat(b[0]).isLessThanOrEqualTo(0.005);
        assertThat(b[b.length - 1]).isGreaterThanOrEqualTo(60.0);
        for (int i = 1; i < b.length; i++) {
            assertThat(b[i] / b[i - 1]).isGreaterThan(1.0).isLessThanOrEqualTo(LatencyBuckets.GROWTH + 1e-7);
        }
    }

    @Test
    void fineBucketsForClientComparedLatenciesGrowByAtMostTwoPercentOverTheSameRange() {
        double[] b = LatencyBuckets.fine();
        assertThat(b[0]).isEqualTo(LatencyBuckets.bounds()[0]);
        assertThat(b[b.length - 1]).isGreaterThanOrEqualTo(LatencyBuckets.HIGHEST);
        for (int i = 1; i < b.length; i++) {
            assertThat(b[i] / b[i - 1]).isGreaterThan(1.0).isLessThanOrEqualTo(LatencyBuckets.FINE_GROWTH + 1e-7);
        }
    }

    @Test
    void gatewayNamesBelongToTheGatewayDialectButAnEnginePageBesideThemWins() throws Exception {
        List<MetricsDialect> dialects = MetricsNormalizer.withGateway(EngineDrivers.defaults().metricsDialects());
        ParsedMetrics gatewayOnly = ParsedMetrics.parse("# TYPE inferdeck_gateway_requests_total counter\n"
                + "inferdeck_gateway_requests_total{outcome=\"ok\"} 3\n");
        assertThat(MetricsDialect.detect(dialects, gatewayOnly)).hasValueSatisfying(
                d -> assertThat(d.flavor()).isEqualTo(GatewayMetricNames.FLAVOR));
        ParsedMetrics withRunner = ParsedMetrics.parse("# TYPE inferdeck_gateway_requests_total counter\n"
                + "inferdeck_gateway_requests_total{outcome=\"ok\"} 3\n# TYPE inferdeck_requests_total counter\n"
                + "inferdeck_requests_total{outcome=\"ok\"} 3\n");
        assertThat(MetricsDialect.detect(dialects, withRunner)).hasValueSatisfying(
                d -> assertThat(d.flavor().id()).isEqualTo("builtin"));
    }

    @Test
    void jsonlFileRotatesBySizeKeepingTheNewestLines() throws Exception {
        Path log = dir.resolve("requests.jsonl");
        try (JsonlFile f = new JsonlFile(log, 40, 2)) {
            for (int i = 0; i < 10; i++) {
                f.append("{\"n\":" + i + ",\"pad\":\"xxxxxxxx\"}");   // 25 bytes a line: one line per file
            }
            assertThat(f.lastError()).isEmpty();
        }
        assertThat(Files.readAllLines(log)).containsExactly("{\"n\":9,\"pad\":\"xxxxxxxx\"}");
        assertThat(Files.readAllLines(dir.resolve("requests.jsonl.1"))).containsExactly("{\"n\":8,\"pad\":\"xxxxxxxx\"}");
        assertThat(Files.readAllLines(dir.resolve("requests.jsonl.2"))).containsExactly("{\"n\":7,\"pad\":\"xxxxxxxx\"}");
        assertThat(dir.resolve("requests.jsonl.3")).doesNotExist();
    }
}
