package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.metrics.Fixtures.ManualClock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EngineMetricsFormatTest {

    private static EngineMetrics llamaCpp() {
        ManualClock clock = new ManualClock();
        MetricsNormalizer n = new MetricsNormalizer(clock, Duration.ofSeconds(30));
        n.update(Fixtures.parsed("llamacpp-1.txt"));
        clock.advance(Duration.ofSeconds(5));
        return n.update(Fixtures.parsed("llamacpp-2.txt"));
    }

    @Test
    void jsonUsesNullForNotAvailable() throws Exception {
        JsonNode j = new ObjectMapper().readTree(EngineMetricsFormat.jsonLine(llamaCpp()));
        assertThat(j.get("engine").asText()).isEqualTo("llama.cpp");
        assertThat(j.get("at").asText()).isEqualTo("2025-06-01T12:00:05Z");
        assertThat(j.get("windowSeconds").asDouble()).isEqualTo(5.0);
        assertThat(j.get("qps").isNull()).isTrue();
        assertThat(j.get("tokensInPerSec").asDouble()).isEqualTo(100.0);
        assertThat(j.get("e2eSeconds").get("p99").isNull()).isTrue();
        assertThat(j.get("kvCacheUsage").asDouble()).isEqualTo(0.0625);
        assertThat(EngineMetricsFormat.jsonLine(llamaCpp())).doesNotContain("\n");
    }

    @Test
    void tableRowShowsMillisecondsAndNa() {
        ManualClock clock = new ManualClock();
        MetricsNormalizer n = new MetricsNormalizer(clock, Duration.ofSeconds(30));
        n.update(Fixtures.parsed("vllm-1.txt"));
        clock.advance(Duration.ofSeconds(5));
        String row = EngineMetricsFormat.tableRow(n.update(Fixtures.parsed("vllm-2.txt")), ZoneOffset.UTC);
        // 20 requests finished in the 5 s between the scrapes: the percentiles rest on them
        assertThat(row).startsWith("12:00:05  vllm").contains(" 4.00 ", "1250.0/2500.0/9000.0 (20)", "45.0/80.0/96.0 (20)", " 40.0");
        assertThat(EngineMetricsFormat.tableRow(llamaCpp(), ZoneOffset.UTC)).contains("n/a").contains("6.3");
        assertThat(EngineMetricsFormat.tableHeader()).startsWith("time").contains("e2e p50/p95/p99 ms (n)", "hit%");
        // the fixed-width columns line up; the last one says who measured the figures
        assertThat(row).endsWith("  vllm");
        assertThat(EngineMetricsFormat.tableHeader().length() - "sources".length()).isEqualTo(row.length() - "vllm".length());
    }

    @Test
    void tableRowsHitRateIsAPercentageOrNaAndItsSourcesAreTheDashboardsLine() throws Exception {
        ManualClock clock = new ManualClock();
        MetricsNormalizer n = new MetricsNormalizer(clock, Duration.ofSeconds(30));
        String family = GatewayMetricNames.CACHE_LOOKUPS + "_total";
        String plain = GatewayPage.text(10, 0, 0, 100, 100, new int[] {0, 0, 0}, new int[] {0, 0, 0}, 0);
        n.update(ParsedMetrics.parse(plain + family + "{result=\"hit\"} 2\n" + family + "{result=\"miss\"} 8\n"));
        clock.advance(Duration.ofSeconds(10));
        EngineMetrics m = n.update(ParsedMetrics.parse(plain + family + "{result=\"hit\"} 32\n" + family + "{result=\"miss\"} 18\n"));
        String row = EngineMetricsFormat.tableRow(m, ZoneOffset.UTC);
        int hit = EngineMetricsFormat.tableHeader().indexOf(" hit%") + 1;
        assertThat(row.substring(hit, hit + 4)).isEqualTo("75.0");   // +30 hits of +40 lookups
        assertThat(row.substring(hit + 4).strip()).isEqualTo(EngineMetricsFormat.sourcesText(m)).startsWith("gateway only");

        MetricsNormalizer cacheOff = new MetricsNormalizer(clock, Duration.ofSeconds(30));
        cacheOff.update(ParsedMetrics.parse(plain));
        clock.advance(Duration.ofSeconds(10));
        String offRow = EngineMetricsFormat.tableRow(cacheOff.update(ParsedMetrics.parse(plain)), ZoneOffset.UTC);
        assertThat(offRow.substring(hit, hit + 4)).as("the cache is off: n/a, never 0").isEqualTo(" n/a");
    }
}
