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
        assertThat(row).startsWith("12:00:05  vllm").contains(" 4.00 ", "1250.0/2500.0/9000.0", "45.0/80.0/96.0", " 40.0");
        assertThat(EngineMetricsFormat.tableRow(llamaCpp(), ZoneOffset.UTC)).contains("n/a").contains("6.3");
        assertThat(EngineMetricsFormat.tableHeader()).startsWith("time").contains("e2e p50/p95/p99 ms");
        assertThat(EngineMetricsFormat.tableHeader().length()).isEqualTo(row.length());
    }
}
