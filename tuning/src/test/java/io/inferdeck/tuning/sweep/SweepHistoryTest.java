package io.inferdeck.tuning.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.tuning.history.RunHistory;
import io.inferdeck.tuning.history.RunRecord;
import io.inferdeck.tuning.history.RunStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepHistoryTest {
    @TempDir
    Path dir;

    private final DeploymentProfile base = DeploymentProfile.builder().name("base").build();
    private final List<SweepPoint> points = List.of(new SweepPoint("Q8_0", 512, 1), new SweepPoint("Q4_0", 512, 2));

    @Test
    void oneRowPerSweepCheckpointedPerPointAndCompletedWithTheSweepJson() throws Exception {
        try (RunHistory h = RunHistory.open(dir.resolve("history.db"), Clock.systemUTC())) {
            SweepHistory rec = SweepHistory.start(h, base, points, w -> { throw new AssertionError(w); });
            SweepOutcome a = RecommendationTest.point("Q8_0", 1, 2, 300, 20, 0);
            rec.point(a);
            RunRecord mid = h.get(rec.id()).orElseThrow();
            assertThat(mid.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(mid.figures()).containsKey("Q8_0-b512-p1/requests_per_s");

            SweepOutcome b = SweepOutcome.failed(points.get(1), "engine exited with code 1");
            rec.point(b);
            rec.complete(List.of(a, b), Recommendation.from(List.of(a, b)));
            RunRecord done = h.get(rec.id()).orElseThrow();
            assertThat(done.kind()).isEqualTo("sweep");
            assertThat(done.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(done.profileJson()).contains("\"name\" : \"base\"");
            assertThat(done.resultJson()).hasValueSatisfying(j -> assertThat(j).contains("inferdeck.sweep/1")
                    .contains("engine exited with code 1").contains("\"recommendation\""));
        }
    }

    @Test
    void aStoppedSweepIsPartialAndHistoryFailuresOnlyWarn() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (RunHistory h = RunHistory.open(dir.resolve("history.db"), Clock.systemUTC())) {
            SweepHistory rec = SweepHistory.start(h, base, points, warnings::add);
            rec.partial("cancelled after 1 of 2 points");
            assertThat(h.get(rec.id()).orElseThrow().status()).isEqualTo(RunStatus.PARTIAL);
            rec.complete(List.of(), Recommendation.from(List.of()));   // no longer running: refused, reported
        }
        assertThat(warnings).singleElement().asString().startsWith("history:");
        SweepHistory none = SweepHistory.start(null, base, points, warnings::add);
        none.point(RecommendationTest.point("Q8_0", 1, 2, 300, 20, 0));   // no database: nothing to do, no throw
    }
}
