package io.inferdeck.app.cli;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.safety.report.ReportText;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.services.safety.ReportFormat;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.SuiteCatalog;
import io.inferdeck.services.safety.SuiteRunRequest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferdeck safety run SUITE}: exit 0 when the thresholds hold, 1 when they fail, 2 on bad input. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a safety suite (JSONL or CSV; 'starter' for the bundled one, 'dev' for the dev split).")
final class SafetyRunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "Suite file ({prompt, expected, category, lang} or labelled {text, label, lang} lines), 'starter' or 'dev'.")
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
        Suite s = SuiteCatalog.load(suite);
        if (s.cases().isEmpty()) {   // an empty report would pass any CI gate
            throw CliError.badInput(suite + " has no valid cases" + (s.problems().isEmpty() ? ""
                    : " (" + s.problems().getFirst() + (s.problems().size() > 1 ? "; " + (s.problems().size() - 1) + " more" : "") + ")"),
                    "each line needs {\"prompt\": ..., \"expected\": \"allow\" or \"block\"} (CSV: a prompt,expected header)");
        }
        try (SafetyService safety = filters.service()) {
            safety.filters().classifierProblem().ifPresent(why ->
                    System.err.println("safety run: classifier unavailable: " + why));
            Optional<EngineEndpoint> endpoint = Optional.ofNullable(engine).map(u -> new EngineEndpoint(u, apiKey, null));
            SuiteReport report = safety.run(new SuiteRunRequest(s, endpoint, profile, quant), (done, total, last) -> {
                if (done % 100 == 0 || done == total) {
                    System.err.printf(Locale.ROOT, "\r%d/%d cases", done, total);
                }
            }, () -> false);
            System.err.println();
            System.out.print(ReportText.render(report));
            if (json != null) {
                ReportFormat.JSON.write(report, json);
                System.out.println("JSON report: " + json);
            }
            if (html != null) {
                ReportFormat.HTML.write(report, html);
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
