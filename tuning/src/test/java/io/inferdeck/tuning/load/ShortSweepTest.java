package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepJson;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deliberately short sweep against a real loopback server: the point measured on too few requests for its P95 is
 * the fastest, and is still never recommended; an extended window runs until the P95 has an interval.
 */
class ShortSweepTest {
    static final Slo LAX = new Slo(Duration.ofSeconds(5), Duration.ofSeconds(5), 95);
    FakeOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void thePointWithTooFewRequestsForItsP95IsNeverRecommended() {
        // parallel 4 = 4 streams, no extra delay, 10 requests (fast but short); parallel 1 = one stream at +20 ms, 100 requests
        server.extraDelayMillis = n -> 0;
        Sweep.Measurer measurer = (point, profile, planFor) -> {
            server.extraDelayMillis = n -> point.parallel() == 1 ? 20 : 0;
            BenchPlan plan = BenchPlan.builder(server.url(), new LoadShape.ClosedLoop(point.parallel())).duration(Duration.ZERO)
                    .maxRequests(point.parallel() == 1 ? 100 : 10).slo(LAX).requestTimeout(Duration.ofSeconds(10)).build();
            try (LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
                return SweepOutcome.measured(point, gen.run(plan, p -> { }));
            }
        };
        Sweep sweep = new Sweep(DeploymentProfile.builder().build(), Map.of("Q4_0", Path.of("m.gguf")), measurer);

        List<SweepOutcome> out = sweep.run(Sweep.grid(List.of("Q4_0"), List.of(512), List.of(1, 4)), url -> null, o -> { });
        BenchResult full = out.get(0).result().orElseThrow();
        BenchResult brief = out.get(1).result().orElseThrow();
        assertThat(brief.goodputPerSecond()).as("the short point is the faster one").isGreaterThan(full.goodputPerSecond());
        assertThat(SloVerdict.of(brief)).isEqualTo(SloVerdict.NOT_ENOUGH_DATA);
        assertThat(SloVerdict.of(brief).describe(brief)).isEqualTo("not enough data (10 of 72 requests for P95)");
        assertThat(SloVerdict.of(full)).isEqualTo(SloVerdict.MET);

        Recommendation rec = Recommendation.from(out);
        assertThat(rec.best()).hasValueSatisfying(b -> assertThat(b.point()).isEqualTo(new SweepPoint("Q4_0", 512, 1)));
        assertThat(rec.reason()).contains("on " + full.e2e().count() + " requests");
        assertThat(SweepJson.toJson(out, rec).path("points").path(1).path("result").path("latency_ms").path("e2e")
                .path("p95_ci95").path("enough_data").asBoolean()).isFalse();
        assertThat(Recommendation.from(out.subList(1, 2)).best()).as("alone, the short point is still not recommended").isEmpty();
        assertThat(Recommendation.from(out.subList(1, 2)).reason()).contains("on 10 requests, P95 needs at least 72");
    }

    @Test
    void anExtendedWindowRunsUntilTheP95HasAnUpperBoundAndStopsLongBeforeItsBudget() {
        BenchPlan plan = BenchPlan.builder(server.url(), new LoadShape.ClosedLoop(4)).duration(Duration.ofMillis(100)).slo(LAX)
                .progressInterval(Duration.ofMillis(50)).extension(new BenchPlan.Extension(Duration.ofSeconds(60), 0.5)).build();
        try (LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
            BenchResult r = gen.run(plan, p -> { });
            assertThat(r.e2e().count()).isGreaterThanOrEqualTo(PercentileInterval.minSamples(95));
            assertThat(r.e2e().p95Interval().enoughData()).isTrue();
            assertThat(r.e2e().p95Interval().highMs()).isLessThanOrEqualTo(5000);
            assertThat(r.measuredSeconds()).as("settled, not run to the budget").isLessThan(50);
        }
    }

    @Test
    void anExtendedWindowStopsOnceThePointHasMissedWithConfidence() {
        Slo tight = new Slo(Duration.ofMillis(1), Duration.ofMillis(1), 95);   // the server's first token alone takes 5 ms
        BenchPlan plan = BenchPlan.builder(server.url(), new LoadShape.ClosedLoop(2)).duration(Duration.ofMillis(100)).slo(tight)
                .progressInterval(Duration.ofMillis(50)).extension(new BenchPlan.Extension(Duration.ofSeconds(60), 0.01)).build();
        try (LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
            BenchResult r = gen.run(plan, p -> { });
            assertThat(SloVerdict.of(r)).isEqualTo(SloVerdict.MISSED);
            assertThat(r.e2e().p95Interval().lowMs()).isGreaterThan(1);
            assertThat(r.measuredSeconds()).as("stopped once missed, not run to the budget").isLessThan(50);
        }
    }

    @Test
    void aRunBoundByItsRequestCountSendsThemAllEvenWhenTheSloIsMissedEarly() {
        Slo tight = new Slo(Duration.ofMillis(1), Duration.ofMillis(1), 95);
        BenchPlan plan = BenchPlan.builder(server.url(), new LoadShape.ClosedLoop(4)).duration(Duration.ZERO).maxRequests(120)
                .slo(tight).progressInterval(Duration.ofMillis(20)).build();
        try (LoadGenerator gen = new LoadGenerator(Clock.systemUTC())) {
            BenchResult r = gen.run(plan, p -> { });
            assertThat(r.ok()).as("bench --requests N: the count is the operator's, no extension applies").isEqualTo(120);
        }
    }
}
