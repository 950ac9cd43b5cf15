package io.inferdeck.services.safety;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.safety.report.Fingerprint;
import io.inferdeck.safety.report.ReportBuilder;
import io.inferdeck.safety.report.RunDiff;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.report.SuiteRecorder;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.EngineClient;
import io.inferdeck.safety.suite.SuiteProgress;
import io.inferdeck.safety.suite.SuiteRun;
import io.inferdeck.safety.suite.HeadScores;
import io.inferdeck.safety.suite.SuiteRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs suites through a filter set and keeps their reports in the run history (one JSON file per run,
 * diffed against the suite's previous run). Runs on the calling thread; thread-safe (no mutable state).
 */
final class SuiteRuns {
    /** End-to-end runs ask the engine for at most this many tokens per case, and wait this long. */
    static final int ENGINE_MAX_TOKENS = 256;
    static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(120);

    private final RunHistory history;
    private final Clock clock;

    SuiteRuns(Path runsDir, Clock clock) {
        this.history = new RunHistory(runsDir);
        this.clock = clock;
    }

    /** Runs every case (until {@code cancelled}), builds the report, stores it and returns it. */
    SuiteReport run(SafetyFilterSet filters, SuiteRunRequest request, SuiteProgress progress, BooleanSupplier cancelled)
            throws IOException {
        EngineClient client = request.engine().map(SuiteRuns::client).orElse(null);
        var scores = HeadScores.of(filters.classifier(), filters.pipeline().config().maxChars());
        SuiteRun run = new SuiteRunner(filters.pipeline(), client, clock, scores).run(request.suite(), progress, cancelled);
        Fingerprint fp = new Fingerprint(filters.pipeline().configHash(), filters.classifier().fingerprint(), run.model(),
                request.profile(), request.quant());
        return SuiteRecorder.record(run, fp, history);
    }

    private static EngineClient client(EngineEndpoint e) {
        return new EngineClient(e.baseUrl(), e.key().orElse(null), ENGINE_MAX_TOKENS, ENGINE_TIMEOUT);
    }

    /** The suite's stored runs, newest first. */
    List<StoredRun> stored(String suite) throws IOException {
        List<StoredRun> out = new ArrayList<>();
        for (Path p : history.runs(suite).reversed()) {
            out.add(StoredRun.of(p));
        }
        return out;
    }

    /** What changed from a stored run to {@code now}. */
    RunDiff compare(StoredRun before, SuiteReport now) throws IOException {
        return ReportBuilder.diff(RunHistory.readJson(before.file()), now);
    }
}
