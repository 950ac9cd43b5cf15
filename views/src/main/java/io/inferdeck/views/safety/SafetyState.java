package io.inferdeck.views.safety;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.review.ReviewItem;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.services.safety.OperatingPoints;
import io.inferdeck.services.safety.StoredRun;
import io.inferdeck.services.safety.SuiteSource;
import java.util.List;
import java.util.Optional;

/**
 * Everything the Safety page shows that comes from work off the FX thread, as one immutable value carried by
 * the page's single dispatcher channel ("safety", see {@link io.inferdeck.views.fx.PageState}). Parts are
 * replaced, never mutated, so the page redraws exactly the parts whose object changed.
 *
 * @param status the toolbar's line: the run's progress, or the last message (export, failure)
 * @param shown  the report on display and the suite it ran (for the drill-down); empty before the first run
 * @param diff   the history pane's text: the shown report against the previous run, or a chosen stored one
 * @param detail the drill-down of the selected case; empty when none is selected
 * @param thresholds the threshold picker's data: the classifier head in force and its calibration curves
 */
public record SafetyState(List<SuiteSource> suites, RunProgress run, String status, Optional<Shown> shown,
                          List<StoredRun> history, String diff, Optional<EngineEndpoint> engine,
                          Optional<CaseDetail> detail, Review review, Thresholds thresholds) {

    public static final SafetyState INITIAL = new SafetyState(List.of(), RunProgress.IDLE, "Pick a suite and press Run.",
            Optional.empty(), List.of(), "", Optional.empty(), Optional.empty(), new Review(List.of(), ""),
            Thresholds.NONE);

    public SafetyState {
        suites = List.copyOf(suites);
        history = List.copyOf(history);
    }

    /** A finished run's report and its suite. */
    public record Shown(SuiteReport report, Suite suite) {
    }

    /** The pending review items shown, and the line under them (count, last decision, or error). */
    public record Review(List<ReviewItem> items, String summary) {
        public Review {
            items = List.copyOf(items);
        }
    }

    /** The head in force with its curves (empty before loading, or when it cannot be read) and the line under the picker. */
    public record Thresholds(Optional<OperatingPoints.Loaded> loaded, String summary) {
        public static final Thresholds NONE = new Thresholds(Optional.empty(), "");
    }

    public SafetyState withThresholds(Thresholds t) {
        return new SafetyState(suites, run, status, shown, history, diff, engine, detail, review, t);
    }

    public SafetyState withSuites(List<SuiteSource> s) {
        return new SafetyState(s, run, status, shown, history, diff, engine, detail, review, thresholds);
    }

    public SafetyState withRun(RunProgress r, String line) {
        return new SafetyState(suites, r, line, shown, history, diff, engine, detail, review, thresholds);
    }

    public SafetyState withStatus(String line) {
        return new SafetyState(suites, run, line, shown, history, diff, engine, detail, review, thresholds);
    }

    /** A finished run: its report replaces the shown one, the drill-down closes, history and diff follow. */
    public SafetyState withFinished(RunProgress r, String line, Shown s, List<StoredRun> h) {
        return new SafetyState(suites, r, line, Optional.of(s), h, DiffText.of(s.report().diff()), engine,
                Optional.empty(), review, thresholds);
    }

    public SafetyState withHistory(List<StoredRun> h) {
        return new SafetyState(suites, run, status, shown, h, diff, engine, detail, review, thresholds);
    }

    public SafetyState withDiff(String d) {
        return new SafetyState(suites, run, status, shown, history, d, engine, detail, review, thresholds);
    }

    public SafetyState withEngine(Optional<EngineEndpoint> e) {
        return new SafetyState(suites, run, status, shown, history, diff, e, detail, review, thresholds);
    }

    public SafetyState withDetail(Optional<CaseDetail> d) {
        return new SafetyState(suites, run, status, shown, history, diff, engine, d, review, thresholds);
    }

    public SafetyState withReview(Review r) {
        return new SafetyState(suites, run, status, shown, history, diff, engine, detail, r, thresholds);
    }
}
