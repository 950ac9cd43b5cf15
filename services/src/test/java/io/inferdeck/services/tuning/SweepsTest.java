package io.inferdeck.services.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.tuning.history.RunRecord;
import io.inferdeck.tuning.history.RunStatus;
import io.inferdeck.tuning.sweep.QualityBudget;
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
    void theTuningGainIsTwoNumbersAgainstLlamaServersDefaultsWithTheQualityBudgetThatApplied() throws Exception {
        service = new TuningBackend(new ModelLibrary(dir.resolve("models")), new ProfileLibrary(dir.resolve("profiles")),
                new RunLog(dir.resolve("history.db"), Clock.systemUTC()), dir.resolve("work"), engines, 3);
        engines.points = p -> SweepOutcome.measured(p, GivenEngines.result(p.batch() == GainComparison.STOCK_BATCH ? 1
                : p.quant().equals("Q4_0") ? 3.0 * p.parallel() : p.parallel(), 100, 120, false));
        List<SweepPoint> grid = Sweep.grid(List.of("F16", "Q4_0"), List.of(512), List.of(1, 2));
        QualityBudget budget = new QualityBudget(0.02, "F16", Map.of("F16", 0.0, "Q4_0", 0.0465));
        SweepRequest req = new SweepRequest(request(grid, false).base(), request(grid, false).models(), grid, BenchSettings.PRESET,
                false, budget);
        SweepResult swept = service.sweep(req, o -> { }, () -> false, problems::add);
        assertThat(swept.recommendation().bound()).isEqualTo(Recommendation.Bound.QUALITY_BUDGET);
        engines.measured.clear();
        List<String> heard = new ArrayList<>();
        GainComparison.Listener listener = new GainComparison.Listener() {
            @Override public void comparing(String stock, GainComparison.Target settings, GainComparison.Target total, QualityBudget b) {
                heard.add(stock + " | " + settings.point() + " | " + total.point() + " | " + b);
            }
            @Override public void measured(String label, SweepOutcome o) {
                heard.add(label);
            }
        };

        GainComparison.Result gain = service.gain(req, swept.outcomes(), "F16", 2, listener);

        // the budget keeps F16: the total gain is the settings gain, and the total side is not measured twice
        assertThat(gain).isEqualTo(new GainComparison.Result.Measured(1, 2, 2, new GainComparison.Target(new SweepPoint("F16", 512, 2), true),
                new GainComparison.Target(new SweepPoint("F16", 512, 2), true), budget));
        assertThat(heard).containsExactly("F16, threads 3 (physical cores), 4 slots with 2048 tokens each (unified KV), batch 2048, "
                + "ubatch 512, flash attention on (auto on CPU) | F16 batch 512 parallel 2 | F16 batch 512 parallel 2 | mean KL <= 0.02 nats vs F16",
                "stock", "settings", "stock", "settings");
        assertThat(engines.measured.getFirst()).isEqualTo("F16 batch 2048 parallel 4 threads 3");

        SweepRequest free = new SweepRequest(req.base(), req.models(), grid, BenchSettings.PRESET, false);
        heard.clear();
        GainComparison.Result.Measured m = (GainComparison.Result.Measured) service.gain(free, swept.outcomes(), "F16", 1, listener);
        assertThat(m.settingsGain()).isEqualTo(2);
        assertThat(m.totalGain()).as("Q4_0 allowed without a budget").isEqualTo(6);
        assertThat(heard).containsExactly(heard.getFirst(), "stock", "settings", "total");
        assertThat(service.gain(req, swept.outcomes(), "Q8_0", 2, listener)).isEqualTo(new GainComparison.Result.NotMeasured("no Q8_0 model"));
    }

    @Test
    void theStockBaselineIsLlamaServersCurrentDefaults() throws Exception {
        open(dir.resolve("history.db"));
        Sweep sweep = new Sweep(request(List.of(), false).base(), Map.of("F16", dir.resolve("m-f16.gguf")), (p, prof, plan) -> null);
        DeploymentProfile stock = new GainComparison(sweep, url -> null, 6).stock("F16").orElseThrow();
        assertThat(stock.threads()).isEqualTo(6);
        assertThat(stock.parallel()).isEqualTo(4);
        assertThat(stock.ctx() / stock.parallel()).as("each slot may use the trained context, as with a unified KV cache").isEqualTo(2048);
        assertThat(stock.batch()).isEqualTo(2048);
        assertThat(stock.ubatch()).isEqualTo(512);
        assertThat(stock.flashAttention()).isTrue();
        assertThat(stock.model()).endsWith("m-f16.gguf");
    }
}
