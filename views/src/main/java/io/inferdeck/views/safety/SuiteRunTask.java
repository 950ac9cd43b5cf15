package io.inferdeck.views.safety;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.StoredRun;
import io.inferdeck.services.safety.SuiteRunRequest;
import io.inferdeck.services.safety.SuiteSource;
import io.inferdeck.views.fx.PageState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * One suite run of the Safety page, on the safety worker: loads the suite, runs it through the service
 * (progress per case; the dispatcher coalesces them to at most 10 redraws a second) and publishes the
 * finished report with the suite's history and the refreshed review queue as one state change.
 */
final class SuiteRunTask implements Runnable {
    private final SafetyService service;
    private final PageState<SafetyState> state;
    private final ReviewModel review;
    private final SuiteSource source;
    private final Optional<EngineEndpoint> engine;
    private final AtomicBoolean cancelled;

    SuiteRunTask(SafetyService service, PageState<SafetyState> state, ReviewModel review, SuiteSource source,
                 Optional<EngineEndpoint> engine, AtomicBoolean cancelled) {
        this.service = service;
        this.state = state;
        this.review = review;
        this.source = source;
        this.engine = engine;
        this.cancelled = cancelled;
    }

    @Override
    public void run() {
        try {
            Suite suite = service.suites().load(source);
            service.filters();     // loads the model now, while the status still says "Loading filters…"
            int total = suite.cases().size();
            state.update(s -> s.withRun(new RunProgress(true, 0, total), "Running " + suite.name() + "…"));
            SuiteReport r = service.run(SuiteRunRequest.of(suite, engine), (done, all, last) ->
                    state.update(s -> s.withRun(new RunProgress(true, done, all), "Case " + done + " of " + all)),
                    cancelled::get);
            List<StoredRun> history = service.history(r.suite());
            UnaryOperator<SafetyState> queue = review.load(d -> true, null, null);
            String line = (r.cancelled() ? "Cancelled after " : "Finished ") + r.cases().size() + " cases"
                    + (suite.problems().isEmpty() ? "" : "; " + suite.problems().size() + " bad lines skipped");
            RunProgress end = new RunProgress(false, r.cases().size(), total);
            state.update(s -> queue.apply(s.withFinished(end, line, new SafetyState.Shown(r, suite), history)));
        } catch (java.io.IOException | RuntimeException e) {
            state.update(s -> s.withRun(RunProgress.IDLE, "Run failed: " + e.getMessage()));
        }
    }
}
