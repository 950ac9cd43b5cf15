package io.inferdeck.app;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.report.Fingerprint;
import io.inferdeck.safety.report.SuiteRecorder;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.review.ReviewQueue;
import io.inferdeck.safety.suite.EngineClient;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteLoader;
import io.inferdeck.safety.suite.SuiteRun;
import io.inferdeck.views.safety.SuiteRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs safety suites for the Safety page with the default filter configuration (every stage on, bundled
 * or user-trained classifier head), the same assembly as {@code inferdeck safety run}. Each run saves its
 * report to the suite history and carries the diff against the previous run. Called on a background thread.
 */
final class SafetyService implements SuiteRunner {
    private final SafetyPaths paths;
    private final EngineTarget engine;
    private final Clock clock;

    SafetyService(SafetyPaths paths, EngineTarget engine, Clock clock) {
        this.paths = paths;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public SuiteReport run(String suiteName, boolean endToEnd, Progress progress, BooleanSupplier cancelled) throws Exception {
        Suite suite = "starter".equals(suiteName) ? StarterSuite.load() : SuiteLoader.load(Path.of(suiteName));
        EngineEndpoint target = null;
        if (endToEnd) {
            target = engine.current().orElseThrow(() -> new IllegalStateException(
                    "no engine is Ready: start one on the Engine page, or run filters only"));
        }
        double margin = 0.15;
        try (ClassifierStage classifier = SafetyFilters.classifier(paths, null, margin);
             ReviewQueue review = new ReviewQueue(paths.reviewDb(), clock)) {
            FilterConfig config = FilterConfig.builder().reviewMargin(margin).build();
            FilterPipeline pipeline = SafetyFilters.pipeline(config, SafetyFilters.blocklist(null), classifier,
                    MaskPolicy.parse(null), clock, review);
            EngineClient client = target == null ? null
                    : new EngineClient(target.baseUrl(), target.key().orElse(null), 256, Duration.ofSeconds(120));
            SuiteRun run = new io.inferdeck.safety.suite.SuiteRunner(pipeline, client, clock)
                    .run(suite, (done, total, last) -> progress.update(done, total), cancelled);
            Fingerprint fp = new Fingerprint(pipeline.configHash(), classifier.fingerprint(), run.model(),
                    target == null ? "none" : target.label(), "none");
            return SuiteRecorder.record(run, fp, new RunHistory(paths.runsDir()));
        }
    }
}
