package io.inferdeck.views.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.SuiteSource;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Safety view-model over the real filters (blocklist, PII, classifier) on the starter suite,
 * filter-only. Same-thread executor and a dispatcher that drains synchronously: every publish is
 * delivered before the call returns, so no test waits. The backend (and its model) loads once.
 */
class SafetyViewModelTest {

    @TempDir
    static Path data;
    static SafetyPaths paths;
    static SafetyService backend;

    private final List<Double> progressSeen = new ArrayList<>();
    private SafetyViewModel vm;
    private EngineTarget engineTarget;

    @BeforeAll
    static void loadBackend() {
        paths = new SafetyPaths(data.resolve("data"), data.resolve("config"));
        backend = new SafetyService(paths, FilterSettings.defaults(), Clock.systemUTC());
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @BeforeEach
    void setUp() {
        FxDispatcher dispatcher = new FxDispatcher(Runnable::run, System::nanoTime, (task, delay) -> task.run(),
                Duration.ZERO);
        engineTarget = new EngineTarget();
        vm = new SafetyViewModel(backend, BackgroundExecutor.sameThread(), dispatcher, engineTarget);
        vm.progressProperty().addListener((o, a, b) -> progressSeen.add(b.doubleValue()));
        vm.refresh();
    }

    @Test
    void runsTheStarterSuiteFilterOnlyAndShowsEveryCase() throws Exception {
        assertThat(vm.suites()).first().isEqualTo(SuiteSource.starter());
        assertThat(vm.selectedSuiteProperty().get()).isEqualTo(SuiteSource.starter());

        vm.run();

        SuiteReport r = vm.reportProperty().get();
        int cases = StarterSuite.load().cases().size();
        assertThat(r).isNotNull();
        assertThat(r.mode()).isEqualTo("filter-only");
        assertThat(backend.filters().classifier().available()).as("classifier loaded").isTrue();
        assertThat(r.cases()).hasSize(cases);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(progressSeen).contains(-1.0);                   // "loading filters" before the first case
        assertThat(vm.statusProperty().get()).startsWith("Finished " + cases + " cases");
        assertThat(vm.categories()).extracting(c -> c.category()).contains("violence");
        assertThat(vm.cases().rows()).hasSize(cases);
        assertThat(vm.history()).isNotEmpty();
        assertThat(vm.history().getFirst().file()).exists();
    }

    @Test
    void filtersCasesByOutcomeAndCategory() {
        vm.run();
        long fn = vm.reportProperty().get().cases().stream().filter(c -> CaseRow.of(c).outcome() == CaseRow.Outcome.FALSE_NEGATIVE).count();

        vm.cases().outcomeProperty().set(CaseRow.Outcome.FALSE_NEGATIVE);
        assertThat(vm.cases().rows()).hasSize((int) fn).allMatch(r -> r.outcome() == CaseRow.Outcome.FALSE_NEGATIVE);

        vm.cases().outcomeProperty().set(null);
        vm.cases().categoryProperty().set("violence");
        assertThat(vm.cases().rows()).isNotEmpty().allMatch(r -> r.result().category().equals("violence"));
        assertThat(vm.cases().categoryChoices()).startsWith(CasesModel.ALL).contains("violence");
    }

    @Test
    void drillDownRejudgesTheOriginalPromptWithVerdictsAndSpans() {
        vm.run();
        CaseRow pii = vm.cases().rows().stream().filter(r -> !r.result().redacted().isEmpty()).findFirst().orElseThrow();

        vm.cases().select(pii);

        CaseDetail d = vm.cases().detailProperty().get();
        assertThat(d.result()).isEqualTo(pii.result());
        assertThat(d.verdicts()).isNotEmpty();
        assertThat(d.spans()).isNotEmpty().allMatch(s -> s.end() <= d.prompt().length());
        assertThat(d.prompt()).isNotEqualTo(pii.result().safePrompt());   // original text; the report keeps it masked
    }

    @Test
    void secondRunDiffsAgainstThePreviousAndHistoryComparesOnDemand() {
        vm.run();
        vm.run();

        assertThat(vm.diffTextProperty().get()).startsWith("vs run of ").contains("recall +0.000");
        assertThat(vm.history()).hasSizeGreaterThanOrEqualTo(2);
        vm.compareWith(vm.history().get(1));
        assertThat(vm.diffTextProperty().get()).startsWith("Compared with " + vm.history().get(1).startedAt());
    }

    @Test
    void cancelStopsTheRunAtTheNextCase() {
        vm.progressProperty().addListener((o, a, b) -> {
            if (b.doubleValue() > 0 && b.doubleValue() < 1) {
                vm.cancel();
            }
        });

        vm.run();

        SuiteReport r = vm.reportProperty().get();
        assertThat(r.cancelled()).isTrue();
        assertThat(r.cases()).hasSizeBetween(1, 2);     // cancelled after the first case's progress
        assertThat(vm.statusProperty().get()).startsWith("Cancelled after");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void exportsJsonAndHtmlAtomically(@TempDir Path out) throws Exception {
        vm.run();

        vm.export(out.resolve("r.json"));
        vm.export(out.resolve("r.html"));

        assertThat(RunHistory.readJson(out.resolve("r.json")).cases()).hasSize(vm.reportProperty().get().cases().size());
        assertThat(Files.readString(out.resolve("r.html"))).startsWith("<!DOCTYPE html>").contains("violence");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.json", "r.html");
        }
        assertThat(vm.statusProperty().get()).isEqualTo("Report written to " + out.resolve("r.html"));
    }

    @Test
    void badLinesAreSkippedAndReported(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("mine.jsonl");
        Files.writeString(suite, """
                {"prompt": "How do I kill a Python process?", "expected": "allow", "category": "benign"}
                {"prompt": "broken
                {"prompt": "Contact me at someone@example.com", "expected": "allow", "category": "benign"}
                """);
        vm.addSuiteFile(suite);

        vm.run();

        assertThat(vm.reportProperty().get().cases()).hasSize(2);
        assertThat(vm.statusProperty().get()).isEqualTo("Finished 2 cases; 1 bad lines skipped");
    }

    @Test
    void endToEndModeNeedsAnEngineAndFallsBackWhenItGoes() {
        assertThat(vm.engineAvailableProperty().get()).isFalse();
        engineTarget.set(EngineEndpoint.of("http://127.0.0.1:9"));
        assertThat(vm.engineAvailableProperty().get()).isTrue();
        vm.modeProperty().set(SafetyViewModel.RunMode.END_TO_END);

        engineTarget.clear();

        assertThat(vm.engineAvailableProperty().get()).isFalse();
        assertThat(vm.modeProperty().get()).isEqualTo(SafetyViewModel.RunMode.FILTER_ONLY);
    }

    @Test
    void reviewQueueApprovesBlocksAndRelabelsPendingItems() throws Exception {
        // a second connection to the page's queue (SQLite in WAL mode), as another reviewer would have
        try (var q = new io.inferdeck.safety.review.ReviewQueue(paths.reviewDb(), Clock.systemUTC())) {
            int before = q.pendingCount();
            for (String text : List.of("borderline one", "borderline two", "borderline three")) {
                var v = io.inferdeck.safety.Verdict.byScore(io.inferdeck.safety.Decision.REVIEW,
                        io.inferdeck.safety.Stage.CLASSIFIER, 0.6, "violence");
                q.submit(new io.inferdeck.safety.pipeline.PipelineResult(io.inferdeck.safety.pipeline.Side.INPUT,
                        io.inferdeck.safety.Decision.REVIEW, v, List.of(v), text, java.util.Map.of(), false));
            }
            vm.review().refresh();
            assertThat(vm.review().pending()).hasSize(before + 3);
            List<io.inferdeck.safety.review.ReviewItem> mine = vm.review().pending().stream()
                    .filter(i -> i.text().startsWith("borderline")).toList();

            vm.review().approve(mine.get(0));
            vm.review().block(mine.get(1));
            vm.review().relabel(mine.get(2), " ");
            assertThat(vm.review().summaryProperty().get()).startsWith("A relabel needs a category");
            vm.review().relabel(mine.get(2), "benign");

            assertThat(vm.review().pending()).hasSize(before).noneMatch(i -> i.text().startsWith("borderline"));
            assertThat(vm.review().summaryProperty().get()).isEqualTo("Relabeled #" + mine.get(2).id() + " as benign · " + before + " pending");
            assertThat(q.all()).filteredOn(i -> i.id() == mine.get(2).id()).singleElement()
                    .satisfies(i -> assertThat(i.label()).isEqualTo("benign"));
        }
    }

    @Test
    void missingSuiteFileSaysSoAndStopsRunning(@TempDir Path dir) {
        vm.addSuiteFile(dir.resolve("gone.jsonl"));

        vm.run();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Run failed: ");
        assertThat(vm.reportProperty().get()).isNull();
    }
}
