package io.inferdeck.safety.report;

import io.inferdeck.safety.suite.SuiteRun;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns a finished run into its report, attaches the diff against the previous run of the same suite and
 * saves it to the history: the one way both the CLI and the Safety page record a run.
 */
public final class SuiteRecorder {
    private SuiteRecorder() {
    }

    public static SuiteReport record(SuiteRun run, Fingerprint fingerprint, RunHistory history) throws IOException {
        SuiteReport report = ReportBuilder.build(run, fingerprint);
        Optional<SuiteReport> previous = history.latest(report.suite());
        if (previous.isPresent()) {
            report = report.withDiff(ReportBuilder.diff(previous.get(), report));
        }
        history.save(report);
        return report;
    }
}
