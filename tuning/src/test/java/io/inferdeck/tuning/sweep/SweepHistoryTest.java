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

    private final DeploymentProfile profile = DeploymentProfile.builder().name("base").parallel(2).build();

    @Test
    void onePointOneRowRunningUntilFinishedThenCompleteOrPartial() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (RunHistory h = RunHistory.open(dir.resolve("history.db"), Clock.systemUTC())) {
            SweepHistory rec = new SweepHistory(h, warnings::add);
            SweepOutcome ok = RecommendationTest.point("Q8_0", 2, 2, 300, 20, 0);
            long a = rec.starting(ok.point(), profile);
            assertThat(h.get(a).orElseThrow().status()).as("inserted before measuring").isEqualTo(RunStatus.RUNNING);
            rec.finished(a, ok);
            RunRecord done = h.get(a).orElseThrow();
            assertThat(done.kind()).isEqualTo("sweep");
            assertThat(done.label()).isEqualTo("Q8_0 batch 512 parallel 2");
            assertThat(done.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(done.figures()).containsEntry("requests_per_s", 2.0);
            assertThat(done.profileJson()).contains("\"parallel\" : 2");

            SweepOutcome failed = SweepOutcome.failed(new SweepPoint("Q4_0", 512, 1), "engine exited with code 1");
            long b = rec.starting(failed.point(), profile);
            rec.finished(b, failed);
            assertThat(h.get(b).orElseThrow().status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(h.get(b).orElseThrow().note()).contains("engine exited with code 1");
            rec.finished(b, ok);                      // no longer running: refused, reported, not thrown
        }
        assertThat(warnings).singleElement().asString().startsWith("could not record");
        SweepHistory none = new SweepHistory(null, warnings::add);
        assertThat(none.starting(new SweepPoint("Q8_0", 512, 1), profile)).isEqualTo(-1);
    }
}
