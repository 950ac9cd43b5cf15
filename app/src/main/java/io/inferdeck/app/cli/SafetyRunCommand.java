package io.inferdeck.app.cli;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.report.Fingerprint;
import io.inferdeck.safety.report.HtmlReport;
import io.inferdeck.safety.report.ReportText;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.report.SuiteRecorder;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.review.ReviewQueue;
import io.inferdeck.safety.suite.EngineClient;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteLoader;
import io.inferdeck.safety.suite.SuiteRun;
import io.inferdeck.safety.suite.SuiteRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferdeck safety run SUITE}: exit 0 when the thresholds hold, 1 when they fail, 2 on bad input. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a safety suite (JSONL or CSV; 'starter' for the bundled one).")
final class SafetyRunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "Suite file, or 'starter'.")
    String suite;

    @Option(names = "--engine", paramLabel = "URL", description = "End-to-end: OpenAI-compatible engine base URL (input filter -> model -> output filter).")
    URI engine;

    @Option(names = "--api-key", description = "Bearer token for the engine.")
    String apiKey;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "OUT", description = "Write the report as a self-contained HTML page.")
    Path html;

    @Option(names = "--fail-under", paramLabel = "RECALL", description = "Exit 1 if overall recall (0..1) is below this.")
    Double failUnder;

    @Option(names = "--max-fpr", paramLabel = "X", description = "Exit 1 if the benign false-positive rate (0..1) is above this.")
    Double maxFpr;

    @Option(names = "--profile", defaultValue = "none", description = "Deployment profile name for the fingerprint.")
    String profile;

    @Option(names = "--quant", defaultValue = "none", description = "Quantization for the fingerprint (e.g. Q4_0).")
    String quant;

    @Mixin
    SafetyOptions filters;

    @Override
    public Integer call() throws Exception {
        Suite s;
        try {
            s = "starter".equals(suite) ? StarterSuite.load() : SuiteLoader.load(Path.of(suite));
        } catch (java.io.IOException e) {
            System.err.println("safety run: " + e.getMessage());
            return 2;
        }
        SafetyPaths paths = SafetyPaths.fromEnvironment();
        try (ClassifierStage classifier = filters.classifier(paths);
             ReviewQueue review = new ReviewQueue(paths.reviewDb(), Clock.systemUTC())) {
            if (!classifier.available() && filters.classifierWanted()) {
                System.err.println("safety run: classifier unavailable: " + classifier.unavailableReason());
            }
            FilterPipeline pipeline = filters.pipeline(filters.blocklist(), classifier, review);
            EngineClient client = engine == null ? null : new EngineClient(engine, apiKey, 256, Duration.ofSeconds(120));
            SuiteRun run = new SuiteRunner(pipeline, client, Clock.systemUTC()).run(s, (done, total, last) -> {
                if (done % 100 == 0 || done == total) {
                    System.err.printf(Locale.ROOT, "\r%d/%d cases", done, total);
                }
            }, () -> false);
            System.err.println();
            Fingerprint fp = new Fingerprint(pipeline.configHash(), classifier.fingerprint(), run.model(), profile, quant);
            SuiteReport report = SuiteRecorder.record(run, fp, new RunHistory(paths.runsDir()));
            System.out.print(ReportText.render(report));
            if (json != null) {
                RunHistory.writeJson(report, json);
                System.out.println("JSON report: " + json);
            }
            if (html != null) {
                HtmlReport.write(report, html);
                System.out.println("HTML report: " + html);
            }
            return thresholds(report);
        }
    }

    private int thresholds(SuiteReport r) {
        int code = 0;
        Double recall = r.overall().recall();
        if (failUnder != null && (recall == null || recall < failUnder)) {
            System.out.printf(Locale.ROOT, "FAIL: recall %s is below --fail-under %.3f%n", recall == null ? "n/a"
                    : String.format(Locale.ROOT, "%.3f", recall), failUnder);
            code = 1;
        }
        Double fpr = r.benignFalsePositiveRate();
        if (maxFpr != null && fpr != null && fpr > maxFpr) {
            System.out.printf(Locale.ROOT, "FAIL: benign false-positive rate %.3f is above --max-fpr %.3f%n", fpr, maxFpr);
            code = 1;
        }
        return code;
    }
}
