package io.inferdeck.views.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.StageSwitches;
import io.inferdeck.safety.report.Fingerprint;
import io.inferdeck.safety.report.ReportBuilder;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.safety.suite.SuiteRun;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Safety page's view-model with the real starter suite and real filters (classifier off for speed). */
class SafetyViewModelTest {
    private final List<Runnable> fx = new ArrayList<>();
    private final FxDispatcher dispatcher = new FxDispatcher(fx::add, () -> 0L, (task, delay) -> { }, Duration.ZERO);
    private final List<int[]> progressSeen = new ArrayList<>();

    private final SuiteRunner realFilters = (suite, endToEnd, progress, cancelled) -> {
        FilterConfig config = FilterConfig.builder().input(StageSwitches.parse("normalize,blocklist,pii"))
                .output(StageSwitches.parse("normalize,blocklist,pii")).build();
        FilterPipeline pipeline = SafetyFilters.pipeline(config, SafetyFilters.blocklist(null),
                ClassifierStage.unavailable("off in this test"), MaskPolicy.parse(null), Clock.systemUTC(), v -> { });
        SuiteRun run = new io.inferdeck.safety.suite.SuiteRunner(pipeline, null, Clock.systemUTC()).run(StarterSuite.load(),
                (done, total, last) -> { progressSeen.add(new int[] {done, total}); progress.update(done, total); }, cancelled);
        return ReportBuilder.build(run, new Fingerprint(pipeline.configHash(), "none", null, "none", "none"));
    };

    private void drain() {
        List<Runnable> pending = new ArrayList<>(fx);
        fx.clear();
        pending.forEach(Runnable::run);
    }

    @Test
    void runShowsReportAndCoalescesProgress() {
        SafetyViewModel vm = new SafetyViewModel(realFilters, BackgroundExecutor.sameThread(), dispatcher);
        vm.run("starter", false);
        assertThat(fx).hasSize(1);                    // every progress update and the outcome: one FX post
        assertThat(progressSeen.size()).isGreaterThan(10);
        drain();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.recallProperty().get()).endsWith("%");
        assertThat(vm.categories()).isNotEmpty();
        int all = vm.cases().size();
        assertThat(all).isEqualTo(progressSeen.getLast()[1]);
        vm.filterCases(SafetyViewModel.CaseFilter.WRONG);
        assertThat(vm.cases()).allMatch(c -> c.stopped() != c.expected().stops()).hasSizeLessThan(all);
        vm.filterCases(SafetyViewModel.CaseFilter.FALSE_NEGATIVES);
        assertThat(vm.cases()).allMatch(c -> !c.stopped() && c.expected().stops());
        assertThat(vm.statusProperty().get()).contains("cases");
    }

    @Test
    void failureIsShownNotThrown() {
        SafetyViewModel vm = new SafetyViewModel((s, e, p, c) -> { throw new IllegalStateException("no engine is Ready"); },
                BackgroundExecutor.sameThread(), dispatcher);
        vm.run("starter", true);
        drain();
        assertThat(vm.statusProperty().get()).isEqualTo("Run failed: no engine is Ready");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.recallProperty().get()).isEqualTo("—");
    }
}
