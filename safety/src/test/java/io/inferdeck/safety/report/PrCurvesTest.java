package io.inferdeck.safety.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.suite.CaseResult;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** Precision–recall curves from per-case classifier scores, and their SVG plots in the HTML report. */
class PrCurvesTest {
    static CaseResult harmful(String category, String lang, double score, boolean stopped) {
        return c(category, lang, Decision.BLOCK, stopped, stopped ? category : null, Map.of(category, score, "other", 0.01));
    }

    static CaseResult benign(String lang, Map<String, Double> scores, boolean stoppedAs, String as) {
        return c("benign", lang, Decision.ALLOW, stoppedAs, as, scores);
    }

    static CaseResult c(String category, String lang, Decision expected, boolean stopped, String named,
                        Map<String, Double> scores) {
        return new CaseResult(1, category + "-" + lang, category, lang, expected, stopped ? Decision.BLOCK : Decision.ALLOW,
                stopped, named, "classifier", "", List.of(), true, "p", null, Map.of(), null, scores);
    }

    static List<CaseResult> run() {
        List<CaseResult> cases = new ArrayList<>();
        cases.add(harmful("violence", "en", 0.9, true));
        cases.add(harmful("violence", "en", 0.3, false));
        cases.add(harmful("fraud", "en", 0.7, true));
        cases.add(harmful("violence", "zh", 0.55, true));
        cases.add(benign("en", Map.of("violence", 0.6, "fraud", 0.1), true, "violence"));
        cases.add(benign("en", Map.of("violence", 0.05, "fraud", 0.2), false, null));
        cases.add(benign("zh", Map.of("violence", 0.2), false, null));
        // a category whose cases carry no scores (classifier off) gets no curve
        cases.add(c("drugs", "zh", Decision.BLOCK, true, "drugs", Map.of()));
        return cases;
    }

    @Test
    void oneCurvePerCategoryAndLanguageWithScoresMonotoneInThreshold() {
        List<PrCurve> curves = PrCurves.of(run());
        assertThat(curves).extracting(cv -> cv.category() + "/" + cv.lang())
                .containsExactly("fraud/en", "violence/en", "violence/zh");
        for (PrCurve cv : curves) {
            assertThat(cv.points()).hasSize(PrCurves.STEPS);
            for (int i = 1; i < cv.points().size(); i++) {
                PrCurve.Point a = cv.points().get(i - 1);
                PrCurve.Point b = cv.points().get(i);
                assertThat(b.threshold()).isGreaterThan(a.threshold());
                assertThat(b.recall()).isLessThanOrEqualTo(a.recall());
                assertThat(b.tp()).isLessThanOrEqualTo(a.tp());
                assertThat(b.fp()).isLessThanOrEqualTo(a.fp());
            }
        }
        PrCurve en = curves.get(1);
        assertThat(en.positives()).isEqualTo(2);
        assertThat(en.benign()).isEqualTo(2);
        PrCurve.Point at50 = en.points().get(24);                     // threshold 0.50
        assertThat(at50.threshold()).isEqualTo(0.5);
        assertThat(at50.recall()).isEqualTo(0.5);                     // 0.9 reaches it, 0.3 does not
        assertThat(at50.fp()).isEqualTo(1);                           // the benign case scored 0.6
        assertThat(at50.precision()).isEqualTo(0.5);
        assertThat(at50.fpr()).isEqualTo(0.5);
        assertThat(en.operating().recall()).isEqualTo(0.5);           // one of two stopped
        assertThat(en.operating().fp()).isEqualTo(1);                 // the benign case stopped as violence
        assertThat(curves.get(0).operating().fp()).isZero();          // ... is no fraud false positive
    }

    @Test
    void theHtmlReportHasOneSvgCurvePerCategoryAndLanguageWithCountsAndTheNumbers() {
        List<CaseResult> cases = run();
        SuiteRun run = new SuiteRun(new Suite("mixed.jsonl", "sha", List.of(), List.of()), cases,
                Instant.parse("2025-06-01T00:00:00Z"), 1_000_000L, "filter-only", null, "none", false);
        SuiteReport r = ReportBuilder.build(run, new Fingerprint("cfg", "clf", "none", null, null));
        String html = HtmlReport.render(r);
        Matcher m = Pattern.compile("<svg[^>]*class=\"pr-curve\" data-category=\"([^\"]+)\" data-lang=\"([^\"]+)\"").matcher(html);
        List<String> plotted = new ArrayList<>();
        while (m.find()) {
            plotted.add(m.group(1) + "/" + m.group(2));
        }
        assertThat(plotted).containsExactly("fraud/en", "violence/en", "violence/zh");
        assertThat(html).contains("violence · en · n=2 harmful, 2 benign");
        assertThat(html.split("class=\"operating-point\"", -1)).hasSize(4);
        assertThat(html).doesNotContain("<script");
    }

    @Test
    void scoresSurviveTheJsonReportSoAStoredRunDrawsTheSameCurves(@TempDir Path dir) throws Exception {
        SuiteRun run = new SuiteRun(new Suite("mixed.jsonl", "sha", List.of(), List.of()), run(),
                Instant.parse("2025-06-01T00:00:00Z"), 1_000_000L, "filter-only", null, "none", false);
        SuiteReport r = ReportBuilder.build(run, new Fingerprint("cfg", "clf", "none", null, null));
        RunHistory.writeJson(r, dir.resolve("r.json"));
        SuiteReport back = RunHistory.readJson(dir.resolve("r.json"));
        assertThat(back.cases().getFirst().scores()).containsEntry("violence", 0.9);
        assertThat(PrCurves.of(back.cases())).isEqualTo(PrCurves.of(r.cases()));
    }
}
