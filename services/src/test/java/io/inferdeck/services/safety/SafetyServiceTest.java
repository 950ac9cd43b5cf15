package io.inferdeck.services.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.safety.pipeline.StageSwitches;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.review.ReviewQueue;
import io.inferdeck.safety.suite.CaseResult;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.safety.suite.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety service over the real filters (blocklist, PII, classifier) on the starter suite, filter-only.
 * One service (and one model load) serves the class; each test reads only what it wrote or counts
 * relative to what was there.
 */
class SafetyServiceTest {

    @TempDir
    static Path data;
    static SafetyPaths paths;
    static SafetyService service;
    static Suite starter;

    @BeforeAll
    static void open() throws Exception {
        paths = new SafetyPaths(data.resolve("data"), data.resolve("config"));
        service = new SafetyService(paths, FilterSettings.defaults(), Clock.systemUTC());
        starter = StarterSuite.load();
    }

    @AfterAll
    static void close() {
        service.close();
    }

    @Test
    void runStoresTheReportAndTheNextRunDiffsAgainstIt() throws Exception {
        List<Integer> progress = new ArrayList<>();
        SuiteReport first = service.run(new SuiteRunRequest(starter, Optional.empty(), "p1", "Q4_0"),
                (done, total, last) -> progress.add(done), () -> false);

        assertThat(first.mode()).isEqualTo("filter-only");
        assertThat(first.cases()).hasSize(starter.cases().size());
        assertThat(progress).hasSize(starter.cases().size()).endsWith(starter.cases().size());
        assertThat(first.fingerprint().profile()).isEqualTo("p1");
        assertThat(first.fingerprint().quant()).isEqualTo("Q4_0");
        assertThat(service.filters().classifierProblem()).as("classifier loaded").isEmpty();
        int stored = service.history(starter.name()).size();
        assertThat(stored).isPositive();

        SuiteReport second = service.run(SuiteRunRequest.of(starter, Optional.empty()), (d, t, l) -> { }, () -> false);

        List<StoredRun> runs = service.history(SuiteSource.starter());
        assertThat(runs).hasSize(stored + 1);
        assertThat(runs.getFirst().file()).exists();
        assertThat(second.diff()).isNotNull();
        assertThat(second.diff().recallDelta()).isZero();
        assertThat(second.fingerprint().profile()).isEqualTo(SuiteRunRequest.NONE);
        assertThat(service.compare(runs.get(1), second).newlyFailing()).isEmpty();
    }

    @Test
    void cancelStopsBeforeTheNextCase() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();

        SuiteReport r = service.run(SuiteRunRequest.of(starter, Optional.empty()), (d, t, l) -> cancel.set(true),
                cancel::get);

        assertThat(r.cancelled()).isTrue();
        assertThat(r.cases()).hasSize(1);
    }

    @Test
    void exportPicksTheFormatByExtensionAndLeavesNoTempFiles(@TempDir Path out) throws Exception {
        SuiteReport r = service.run(SuiteRunRequest.of(starter, Optional.empty()), (d, t, l) -> { }, () -> false);

        service.export(r, out.resolve("r.json"));
        service.export(r, out.resolve("r.HTML"));

        assertThat(RunHistory.readJson(out.resolve("r.json")).cases()).hasSize(r.cases().size());
        assertThat(Files.readString(out.resolve("r.HTML"))).startsWith("<!DOCTYPE html>");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.json", "r.HTML");
        }
    }

    @Test
    void checkJudgesOneTextWithoutQueueingAnything() throws Exception {
        SuiteReport r = service.run(SuiteRunRequest.of(starter, Optional.empty()), (d, t, l) -> { }, () -> false);
        CaseResult stopped = r.cases().stream().filter(c -> c.expected() == Decision.BLOCK && c.stopped())
                .findFirst().orElseThrow();
        String prompt = starter.cases().stream().filter(c -> c.line() == stopped.line()).findFirst().orElseThrow().prompt();
        int pending = service.review().pendingCount();

        PipelineResult checked = service.check(prompt, Side.INPUT);

        assertThat(checked.decision().stops()).isTrue();
        assertThat(service.judge(prompt, Side.INPUT).decision()).isEqualTo(checked.decision());
        PipelineResult masked = service.check("Contact me at someone@example.com", Side.OUTPUT);
        assertThat(masked.safeText()).doesNotContain("someone@example.com");
        assertThat(service.review().pendingCount()).isEqualTo(pending);
    }

    @Test
    void aSwitchedOffClassifierIsNoProblemButAMissingHeadIs() throws Exception {
        StageSwitches noClassifier = StageSwitches.parse("normalize,blocklist,pii");
        FilterConfig off = FilterConfig.builder().input(noClassifier).output(noClassifier).build();
        try (SafetyFilterSet f = SafetyFilterSet.open(new FilterSettings(off, null, null, MaskPolicy.defaults()), paths,
                Clock.systemUTC(), r -> { })) {
            assertThat(f.classifier().available()).isFalse();
            assertThat(f.classifierProblem()).isEmpty();
        }
        FilterSettings missingHead = new FilterSettings(FilterConfig.defaults(), null, data.resolve("no-head.json"),
                MaskPolicy.defaults());
        try (SafetyFilterSet f = SafetyFilterSet.open(missingHead, paths, Clock.systemUTC(), r -> { })) {
            assertThat(f.classifierProblem()).get().asString().contains("no-head.json");
        }
    }

    @Test
    void reviewDeskDecidesOnlyPendingItemsAndExportsTrainingData(@TempDir Path out) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (ReviewQueue q = new ReviewQueue(paths.reviewDb(), Clock.systemUTC())) {   // a second connection
            for (String text : List.of("desk one", "desk two")) {
                Verdict v = Verdict.byScore(Decision.REVIEW, Stage.CLASSIFIER, 0.6, "violence");
                q.submit(new PipelineResult(Side.INPUT, Decision.REVIEW, v, List.of(v), text, Map.of(), false));
            }
            q.pending(Integer.MAX_VALUE).stream().filter(i -> i.text().startsWith("desk")).forEach(i -> ids.add(i.id()));
        }
        ReviewDesk desk = service.review();
        int before = desk.pendingCount();
        assertThat(desk.page(Integer.MAX_VALUE).items()).extracting(i -> i.id()).containsAll(ids);

        assertThat(desk.approve(ids.get(0))).isTrue();
        assertThat(desk.approve(ids.get(0))).as("no longer pending").isFalse();
        assertThatThrownBy(() -> desk.relabel(ids.get(1), " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(desk.relabel(ids.get(1), "benign")).isTrue();

        assertThat(desk.page(1).pendingCount()).isEqualTo(before - 2);
        Path jsonl = out.resolve("train.jsonl");
        assertThat(desk.exportTraining(jsonl)).isGreaterThanOrEqualTo(2);
        assertThat(Files.readAllLines(jsonl)).anyMatch(l -> l.contains("desk two") && l.contains("\"benign\""));
    }

    @Test
    void suitesAreTheStarterThenTheFolderFilesByName() throws Exception {
        Path dir = service.suites().dir();
        Files.createDirectories(dir);
        for (String name : List.of("b.jsonl", "a.csv", "notes.txt")) {
            Files.writeString(dir.resolve(name), "");
        }

        assertThat(service.suites().list()).extracting(SuiteSource::name)
                .containsExactly(SuiteSource.starter().name(), "a.csv", "b.jsonl");
        assertThat(SuiteCatalog.load(SuiteCatalog.STARTER).name()).isEqualTo(starter.name());
        assertThat(service.suites().load(SuiteSource.starter()).cases()).hasSameSizeAs(starter.cases());
    }
}
