package io.inferdeck.tuning.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LatencySummary;
import io.inferdeck.tuning.load.Slo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationTest {

    /** A consistent result: {@code ok} requests at {@code rps}, P95 e2e/TTFT as given, {@code errors} HTTP 400s. */
    static SweepOutcome point(String quant, int parallel, double rps, double p95, long ok, long errors) {
        Slo slo = Slo.DEFAULT;
        LatencySummary e2e = new LatencySummary(ok, p95 / 2, p95 / 2, p95 / 2, p95, p95, p95, p95);
        LatencySummary ttft = new LatencySummary(ok, 10, 10, 10, 10, 10, 10, 10);
        boolean met = ok > 0 && p95 <= 500 && 10 <= 200;
        BenchResult r = new BenchResult("http://x", "m", "closed", Instant.EPOCH, 10, 0, ok + errors, ok, errors, 0,
                errors > 0 ? Map.of("http_400", errors) : Map.of(), ok * 10, ok * 10, rps, rps * 10, slo,
                met ? ok : 0, met ? rps : 0, p95, 10, met, ttft, ttft, e2e, LatencySummary.EMPTY, false, List.of(), ok + errors);
        return SweepOutcome.measured(new SweepPoint(quant, 512, parallel), r);
    }

    @Test
    void fastestPointMeetingTheSloWithoutFailuresWins() {
        Recommendation r = Recommendation.from(List.of(
                point("Q8_0", 1, 2, 300, 20, 0),
                point("Q4_0", 2, 9, 400, 90, 0),
                point("Q4_0", 4, 12, 450, 90, 30),     // faster, but a quarter of its requests were rejected
                point("Q4_0", 8, 15, 900, 150, 0),     // fastest, misses the SLO
                SweepOutcome.failed(new SweepPoint("F16", 512, 1), "engine exited")));
        assertThat(r.best()).hasValueSatisfying(o -> assertThat(o.point()).isEqualTo(new SweepPoint("Q4_0", 512, 2)));
        assertThat(r.reason()).contains("Q4_0 batch 512 parallel 2");
    }

    @Test
    void noRecommendationWhenNothingMeetsTheSlo() {
        Recommendation r = Recommendation.from(List.of(point("Q8_0", 1, 2, 900, 20, 0), point("Q4_0", 1, 3, 700, 30, 0)));
        assertThat(r.best()).isEmpty();
        assertThat(r.closest()).hasValueSatisfying(o -> assertThat(o.point().quant()).isEqualTo("Q4_0"));
        assertThat(r.reason()).startsWith("no setting meets the SLO");
    }

    @Test
    void aPointExcludedOnlyForFailuresIsNamedAsSuch() {
        Recommendation r = Recommendation.from(List.of(point("Q8_0", 1, 2, 900, 20, 0), point("Q4_0", 4, 12, 300, 90, 30)));
        assertThat(r.best()).isEmpty();
        assertThat(r.closest()).hasValueSatisfying(o -> assertThat(o.point().parallel()).isEqualTo(4));
        assertThat(r.reason()).isEqualTo("no setting meets the SLO without failures; Q4_0 batch 512 parallel 4 meets the "
                + "latency targets but failed 25.0% of its requests (at most 1%)");
    }

    @Test
    void gridIsQuantMajor() {
        assertThat(Sweep.grid(List.of("Q8_0", "Q4_0"), List.of(64, 512), List.of(1, 2))).hasSize(8)
                .first().isEqualTo(new SweepPoint("Q8_0", 64, 1));
    }
}
