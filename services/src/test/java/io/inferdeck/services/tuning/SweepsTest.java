package io.inferdeck.services.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.tuning.history.RunRecord;
import io.inferdeck.tuning.history.RunStatus;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps and the tuning gain through the service, on engines that give figures by point. */
class SweepsTest {
    @TempDir
    Path dir;

    final GivenEngines engines = new GivenEngines();
    final List<HistoryProblem> problems = new ArrayList<>();
    TuningBackend service;

    TuningBackend open(Path db) {
        service = new TuningBackend(new ModelLibrary(dir.resolve("models")), new ProfileLibrary(dir.resolve("profiles")),
                new RunLog(db, Clock.systemUTC()), dir.resolve("work"), engines);
        return service;
    }

    @AfterEach
    void close() {
        service.close();
    }

    SweepRequest request(List<SweepPoint> points, boolean recorded) {
        DeploymentProfile base = DeploymentProfile.builder().ctx(256).threads(2).build();
        return new SweepRequest(base, Map.of("Q4_0", dir.resolve("m-q4_0.gguf"), "F16", dir.resolve("m-f16.gguf")), points,
                BenchSettings.PRESET, recorded);
    }

    @Test
    void everyPointIsRecordedAsItLandsAndTheSweepStopsAfterThePointBeingMeasured() throws Exception {
        open(dir.resolve("history.db"));
        List<SweepPoint> grid = Sweep.grid(List.of("Q4_0", "Q8_0"), List.of(512), List.of(1, 2));
        List<SweepOutcome> seen = new ArrayList<>();

        SweepResult r = service.sweep(request(grid, true), seen::add, () -> seen.size() == 3, problems::add);

        assertThat(r.outcomes()).hasSize(3).isEqualTo(seen);
        assertThat(r.outcomes().get(2).failure()).isEqualTo("no model file for Q8_0");
        assertThat(r.recommendation().best()).hasValueSatisfying(b -> assertThat(b.point()).isEqualTo(new SweepPoint("Q4_0", 512, 2)));
        assertThat(r.recorded()).isTrue();
        List<RunRecord> rows = service.history().list(10);
        assertThat(rows).extracting(x -> x.label() + " " + x.status()).containsExactly(
                "Q8_0 batch 512 parallel 1 PARTIAL", "Q4_0 batch 512 parallel 2 COMPLETE", "Q4_0 batch 512 parallel 1 COMPLETE");
        assertThat(rows.get(1).profileJson()).as("the point's own profile: ctx per slot").contains("\"ctx\" : 512");
        assertThat(engines.workFolders).singleElement().satisfies(w -> assertThat(w.getParent()).isEqualTo(dir.resolve("work")));
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnrecordedSweepOrOneWithoutADatabaseStillMeasures() throws Exception {
        List<SweepPoint> one = List.of(new SweepPoint("Q4_0", 512, 1));
        open(dir.resolve("history.db"));
        assertThat(service.sweep(request(one, false), o -> { }, () -> false, problems::add).recorded()).isFalse();
        assertThat(service.history().list(10)).isEmpty();
        service.close();

        open(Files.createDirectories(dir.resolve("folder.db")));
        SweepResult r = service.sweep(request(one, true), o -> { }, () -> false, problems::add);
        assertThat(r.recorded()).isFalse();
        assertThat(r.outcomes()).singleElement().satisfies(o -> assertThat(o.result()).isPresent());
        assertThat(problems).singleElement().extracting(HistoryProblem::kind).isEqualTo(HistoryProblem.Kind.NOT_RECORDING);
    }

    @Test
    void theTuningGainAlternatesStockAndTunedAndAveragesTheirGoodput() throws Exception {
        open(dir.resolve("history.db"));
        SweepRequest req = request(List.of(new SweepPoint("Q4_0", 512, 2)), false);
        Recommendation rec = service.sweep(req, o -> { }, () -> false, problems::add).recommendation();
        engines.measured.clear();
        engines.points = p -> SweepOutcome.measured(p, GivenEngines.result(p.batch() == GainComparison.STOCK_BATCH ? 1 : 3, 100, 120, false));
        List<String> heard = new ArrayList<>();
        GainComparison.Listener listener = new GainComparison.Listener() {
            @Override public void comparing(String baseline, int threads, SweepPoint target, boolean recommended) {
                heard.add(baseline + " vs " + target + (recommended ? " (recommended)" : ""));
            }
            @Override public void measured(String label, SweepOutcome o) {
                heard.add(label);
            }
        };

        GainComparison.Result gain = service.gain(req, rec, "F16", 2, listener);

        assertThat(gain).isEqualTo(new GainComparison.Result.Measured(1, 3));
        assertThat(heard).containsExactly("F16 vs Q4_0 batch 512 parallel 2 (recommended)", "stock", "tuned", "stock", "tuned");
        assertThat(engines.measured.getFirst()).isEqualTo("F16 batch 2048 parallel 1 threads " + Runtime.getRuntime().availableProcessors());
        assertThat(service.gain(req, rec, "Q8_0", 2, listener)).isEqualTo(new GainComparison.Result.NotMeasured("no Q8_0 model"));
    }
}
