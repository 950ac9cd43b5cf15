package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariants, figures, JSON and text of a result built from hand-made request records. */
class BenchResultTest {
    @TempDir
    Path dir;

    static BenchResult sample() {
        BenchPlan plan = BenchPlan.builder("http://127.0.0.1:1", new LoadShape.ClosedLoop(2)).duration(Duration.ZERO)
                .maxRequests(5).maxRecords(3).build();
        long ms = 1_000_000L;
        BenchRecorder rec = new BenchRecorder(plan, 0, 0);
        RequestRecord[] rs = {
                new RequestRecord(0, 0, true, Outcome.OK, null, 5 * ms, ms, 50 * ms, 10, 4),    // warm-up: not counted
                new RequestRecord(0, 0, false, Outcome.OK, null, 100 * ms, 10 * ms, 200 * ms, 11, 4),
                new RequestRecord(0, 0, false, Outcome.OK, null, 300 * ms, 10 * ms, 900 * ms, 61, -1),
                new RequestRecord(0, 0, false, Outcome.ERROR, "http_503", -1, -1, 3 * ms, 0, -1),
                new RequestRecord(0, 0, false, Outcome.TIMEOUT, "timeout", -1, -1, 2000 * ms, 0, -1),
                new RequestRecord(0, 0, false, Outcome.OK, null, -1, -1, 100 * ms, 0, -1)};  // OK but no token
        for (RequestRecord r : rs) {
            rec.started();
            rec.record(r, 2000 * ms);
        }
        return rec.result("m", Instant.parse("2025-01-01T00:00:00Z"), false);
    }

    @Test
    void accountingAndRatesComeOutOfTheRecords() {
        BenchResult r = sample();
        assertThat(r.warmupRequests()).isOne();
        assertThat(r.sent()).isEqualTo(5);
        assertThat(r.ok()).isEqualTo(3);
        assertThat(r.failuresByCause()).containsExactly(Map.entry("http_503", 1L), Map.entry("timeout", 1L));
        assertThat(r.measuredSeconds()).isEqualTo(2.0);
        assertThat(r.requestsPerSecond()).isEqualTo(1.5);
        assertThat(r.outputTokens()).isEqualTo(72);
        assertThat(r.goodRequests()).isOne(); // only the 200 ms / 100 ms TTFT one
        assertThat(r.records()).hasSize(3);
        assertThat(r.recordsDropped()).isEqualTo(2);
        assertThat(r.sloMet()).isFalse();
        assertThat(r.figures()).containsEntry("requests_per_s", 1.5).containsEntry("failure_rate", 0.4);
    }

    @Test
    void inconsistentResultsCannotBeBuilt() {
        BenchResult r = sample();
        Map<String, Long> lost = new HashMap<>(r.failuresByCause());
        lost.remove("http_503");
        assertThatThrownBy(() -> new BenchResult(r.endpoint(), r.model(), r.load(), r.startedAt(), r.measuredSeconds(),
                r.warmupRequests(), r.sent() + 1, r.ok(), r.errors(), r.timeouts(), r.failuresByCause(), r.outputTokens(),
                r.promptTokens(), r.requestsPerSecond(), r.outputTokensPerSecond(), r.slo(), r.goodRequests(),
                r.goodputPerSecond(), r.sloE2eMs(), r.sloTtftMs(), r.sloMet(), r.ttft(), r.itl(), r.e2e(), r.sendLag(),
                r.stoppedEarly(), r.records(), r.recordsDropped() + 1)).hasMessageContaining("sent 6 != ok 3");
        assertThatThrownBy(() -> new BenchResult(r.endpoint(), r.model(), r.load(), r.startedAt(), r.measuredSeconds(),
                r.warmupRequests(), r.sent(), r.ok(), r.errors(), r.timeouts(), lost, r.outputTokens(),
                r.promptTokens(), r.requestsPerSecond(), r.outputTokensPerSecond(), r.slo(), r.goodRequests(),
                r.goodputPerSecond(), r.sloE2eMs(), r.sloTtftMs(), r.sloMet(), r.ttft(), r.itl(), r.e2e(), r.sendLag(),
                r.stoppedEarly(), r.records(), r.recordsDropped())).hasMessageContaining("failure buckets");
        assertThatThrownBy(() -> new BenchResult(r.endpoint(), r.model(), r.load(), r.startedAt(), r.measuredSeconds(),
                r.warmupRequests(), r.sent(), r.ok(), r.errors(), r.timeouts(), r.failuresByCause(), r.outputTokens(),
                r.promptTokens(), r.requestsPerSecond(), r.outputTokensPerSecond(), r.slo(), r.goodRequests(),
                r.goodputPerSecond(), r.sloE2eMs(), r.sloTtftMs(), true, r.ttft(), r.itl(), r.e2e(), r.sendLag(),
                r.stoppedEarly(), r.records(), r.recordsDropped())).hasMessageContaining("SLO verdict");
    }

    @Test
    void jsonIsWrittenAtomicallyWithNullForMissingFigures() throws Exception {
        Path out = dir.resolve("sub/out.json");
        BenchJson.write(sample(), out);
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertThat(j.path("schema").asText()).isEqualTo(BenchJson.SCHEMA);
        assertThat(j.path("requests").path("sent").asLong()).isEqualTo(5);
        assertThat(j.path("requests").path("failures_by_cause").path("http_503").asLong()).isOne();
        assertThat(j.path("latency_ms").path("e2e").path("count").asLong()).isEqualTo(3);
        assertThat(j.path("records").path("rows")).hasSize(3);
        assertThat(j.path("records").path("rows").path(2).path(4).isNull()).isTrue(); // http_503: no TTFT
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void reportShowsAccountingAndNotAvailableFigures() {
        String text = BenchReport.format(sample());
        assertThat(text).contains("sent 5 = ok 3 + errors 1 + timeouts 1   (http_503 1, timeout 1)")
                .contains("SLO NOT met").containsPattern("e2e +200\\.\\d");
        BenchPlan plan = BenchPlan.builder("http://127.0.0.1:1", new LoadShape.ClosedLoop(1)).build();
        BenchResult empty = new BenchRecorder(plan, 0, 0).result("m", Instant.EPOCH, true);
        assertThat(BenchReport.format(empty)).contains("n/a").contains("STOPPED EARLY");
    }
}
