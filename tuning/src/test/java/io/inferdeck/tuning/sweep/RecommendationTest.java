package io.inferdeck.tuning.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.tuning.load.BenchReport;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LatencySummary;
import io.inferdeck.tuning.load.Slo;
import io.inferdeck.tuning.load.SloVerdict;
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
    void theQualityBudgetExcludesAFasterVariantAndSaysItBoundTheChoice() {
        QualityBudget budget = new QualityBudget(0.02, "F32", Map.of("F32", 0.0, "Q8_0", 0.0002, "Q4_0", 0.0465));
        List<SweepOutcome> points = List.of(point("Q8_0", 1, 8, 300, 100, 0), point("Q4_0", 1, 12, 250, 100, 0));
        Recommendation r = Recommendation.from(points, budget);
        assertThat(r.best()).hasValueSatisfying(o -> assertThat(o.point().quant()).isEqualTo("Q8_0"));
        assertThat(r.bound()).isEqualTo(Recommendation.Bound.QUALITY_BUDGET);
        assertThat(r.reason()).contains("within mean KL <= 0.02 nats vs F32")
                .contains("Q4_0 batch 512 parallel 1 reaches 12.00 req/s but its mean KL 0.0465 nats > 0.02");

        Recommendation free = Recommendation.from(points);
        assertThat(free.best()).hasValueSatisfying(o -> assertThat(o.point().quant()).isEqualTo("Q4_0"));
        assertThat(free.bound()).isEqualTo(Recommendation.Bound.GRID);
        Recommendation slo = Recommendation.from(List.of(point("Q8_0", 1, 8, 300, 100, 0), point("Q8_0", 4, 11, 900, 100, 0)), budget);
        assertThat(slo.bound()).isEqualTo(Recommendation.Bound.LATENCY_SLO);
        assertThat(slo.reason()).contains("Q8_0 batch 512 parallel 4 reaches 11.00 req/s but its SLO verdict is missed");
    }

    @Test
    void aVariantWithoutAMeasuredKlIsNotAllowedUnderABudget() {
        QualityBudget budget = new QualityBudget(0.02, "F32", Map.of("F32", 0.0));
        Recommendation r = Recommendation.from(List.of(point("Q8_0", 1, 8, 300, 100, 0)), budget);
        assertThat(r.best()).isEmpty();
        assertThat(r.reason()).isEqualTo("no setting meets the SLO within the quality budget (mean KL <= 0.02 nats vs F32); "
                + "Q8_0 batch 512 parallel 1 meets the SLO but its mean KL not measured");
    }

    @Test
    void failedRequestsCountAgainstTheSloEvenWhenTheLatencyIsWithinTarget() {
        SweepOutcome o = point("Q4_0", 4, 12, 300, 98, 2);    // 2% failed: latency fine, SLO not met
        assertThat(o.result().get().sloMet()).as("the latency percentiles alone").isTrue();
        assertThat(SloVerdict.of(o.result().get())).isEqualTo(SloVerdict.TOO_MANY_FAILED);
        assertThat(SloVerdict.of(o.result().get()).describe(o.result().get())).isEqualTo("missed: 2.0% failed (at most 1%)");
        assertThat(SloVerdict.of(point("Q4_0", 4, 12, 300, 99, 1).result().get())).as("1% is allowed").isEqualTo(SloVerdict.MET);
        assertThat(BenchReport.format(o.result().get())).contains("P95 SLO NOT met: 2.0% failed (at most 1%)").doesNotContain("SLO met");
        assertThat(BenchReport.format(point("Q4_0", 4, 12, 300, 20, 0).result().get()))
                .contains("P95 SLO not judged: not enough data (20 of 72 requests for P95)");
    }

    @Test
    void openLoopRungsAboveOneThatMissedAreSkippedAndTheHighestRateMeetingTheSloWins() {
        List<SweepPoint> ladder = Sweep.grid(List.of("Q4_0"), List.of(512), List.of(1), List.of(4.0, 1.0, 2.0, 8.0));
        assertThat(ladder).extracting(SweepPoint::rate).containsExactly(1.0, 2.0, 4.0, 8.0);
        List<String> measured = new java.util.ArrayList<>();
        Sweep sweep = new Sweep(io.inferdeck.control.profile.DeploymentProfile.builder().build(),
                Map.of("Q4_0", java.nio.file.Path.of("m.gguf")), (point, profile, plan) -> {
            measured.add(point.toString());
            SweepOutcome o = point("Q4_0", 1, point.rate(), point.rate() < 3 ? 300 : 900, 100, 0);
            return SweepOutcome.measured(point, o.result().get());
        });
        List<SweepOutcome> out = sweep.run(ladder, url -> null, x -> { });
        assertThat(measured).containsExactly("Q4_0 batch 512 parallel 1 @ 1 req/s", "Q4_0 batch 512 parallel 1 @ 2 req/s",
                "Q4_0 batch 512 parallel 1 @ 4 req/s");
        assertThat(out.get(3).failure()).isEqualTo("skipped: missed the SLO at 4.0 req/s");
        assertThat(Recommendation.from(out).best()).hasValueSatisfying(b -> assertThat(b.point().rate()).isEqualTo(2.0));
    }

    @Test
    void gridIsQuantMajor() {
        assertThat(Sweep.grid(List.of("Q8_0", "Q4_0"), List.of(64, 512), List.of(1, 2))).hasSize(8)
                .first().isEqualTo(new SweepPoint("Q8_0", 64, 1));
    }
}
