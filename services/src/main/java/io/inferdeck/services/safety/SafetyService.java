package io.inferdeck.services.safety;

import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.pii.PiiDetector;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.ReviewSink;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.safety.pipeline.VerdictCache;
import io.inferdeck.safety.report.RunDiff;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.review.ReviewQueue;
import io.inferdeck.safety.suite.SuiteProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Everything the Safety page and the {@code safety} CLI commands do with the filters: pick and load suites,
 * run them (progress, cancel) and keep their reports, compare with stored runs, save reports, check one
 * text, work the review queue, retrain the classifier head, benchmark; and the filters and queue a deployment's
 * gateway filters live traffic with ({@code live.GatewaySafetyParts}). No JavaFX.
 *
 * <p>The filters and the review queue open lazily on first use ({@link #filters()} loads the classifier
 * model, about a second); every method that reads or writes files, the database or the model blocks: call
 * them on a background thread. Thread-safety: the lazy getters are synchronized, the rest is stateless or
 * thread-safe. The caller (composition root or CLI command) owns and closes the service.
 */
public final class SafetyService implements AutoCloseable {
    private final SafetyPaths paths;
    private final FilterSettings settings;
    private final Clock clock;
    private final SuiteCatalog suites;
    private final SuiteRuns runs;
    private SafetyFilterSet filters;
    private ReviewQueue queue;

    public SafetyService(SafetyPaths paths, FilterSettings settings, Clock clock) {
        this.paths = paths;
        this.settings = settings;
        this.clock = clock;
        this.suites = new SuiteCatalog(paths.dataDir().resolve("suites"));
        this.runs = new SuiteRuns(paths.runsDir(), clock);
    }

    /** The suites on offer ({@code <data>/safety/suites}) and loading them. */
    public SuiteCatalog suites() {
        return suites;
    }

    /** The shared filters; REVIEW decisions go to the review queue. The first call loads the model. */
    public synchronized SafetyFilterSet filters() throws IOException {
        if (filters == null) {
            filters = SafetyFilterSet.open(settings, paths, clock, reviewQueue());
        }
        return filters;
    }

    /** The settings {@link #filters()} are built with. */
    public FilterSettings settings() {
        return settings;
    }

    /**
     * Fresh filters under {@code other} settings whose REVIEW results go to this service's review queue (a
     * deployment's live filtering); the caller owns and closes them. Loads the classifier when they use it.
     */
    public SafetyFilterSet openFilters(FilterSettings other) throws IOException {
        return openFilters(other, Optional.empty());
    }

    /** {@link #openFilters(FilterSettings)} whose classifier looks texts up in {@code cache} first. */
    public SafetyFilterSet openFilters(FilterSettings other, Optional<VerdictCache> cache) throws IOException {
        return SafetyFilterSet.open(other, paths, clock, reviewQueue(), cache);
    }

    /** The PII stage's detector under this service's masks (what masks texts the gateway stores). */
    public PiiDetector piiDetector() {
        return SafetyFilters.piiDetector(settings.masks(), clock);
    }

    /** The classifier's per-category thresholds and their calibration curves; a save reopens {@link #filters()}. */
    public OperatingPoints operatingPoints() {
        return new OperatingPoints(paths, settings.head(), this::dropFilters);
    }

    /**
     * The next {@link #filters()} call loads the filters afresh (after the head on disk changed). Closing them here
     * is safe because the console runs every use of {@link #filters()} and every save on its one safety-worker.
     */
    private synchronized void dropFilters() {
        if (filters != null) {
            filters.close();
            filters = null;
        }
    }

    public synchronized ReviewDesk review() throws IOException {
        return new ReviewDesk(reviewQueue());
    }

    /** The review queue the Safety page works, where live traffic queues its decisions too. Opened on first use. */
    public synchronized ReviewQueue reviewQueue() throws IOException {
        if (queue == null) {
            queue = new ReviewQueue(paths.reviewDb(), clock);
        }
        return queue;
    }

    /** Runs the suite through {@link #filters()}, stores the report in the run history and returns it. */
    public SuiteReport run(SuiteRunRequest request, SuiteProgress progress, BooleanSupplier cancelled) throws IOException {
        return runs.run(filters(), request, progress, cancelled);
    }

    /** Stored runs of the named suite, newest first. */
    public List<StoredRun> history(String suite) throws IOException {
        return runs.stored(suite);
    }

    /** Stored runs of the suite {@code source} names (the name is read from the suite itself). */
    public List<StoredRun> history(SuiteSource source) throws IOException {
        return history(suites.load(source).name());
    }

    public RunDiff compare(StoredRun before, SuiteReport now) throws IOException {
        return runs.compare(before, now);
    }

    /** Saves the report as JSON or, for *.html, as a self-contained page. */
    public void export(SuiteReport report, Path file) throws IOException {
        ReportFormat.forFile(file).write(report, file);
    }

    /** Judges one text with {@link #filters()} (a REVIEW verdict is queued like any other). */
    public PipelineResult judge(String text, Side side) throws IOException {
        return filters().pipeline().filter(text, side);
    }

    /** A one-off check: fresh filters that queue nothing, closed again before returning. */
    public PipelineResult check(String text, Side side) throws IOException {
        try (SafetyFilterSet once = SafetyFilterSet.open(settings, paths, clock, ReviewSink.NONE)) {
            return once.pipeline().filter(text, side);
        }
    }

    public ClassifierTraining training() {
        return new ClassifierTraining(paths, clock);
    }

    public SafetyBenchmarks benchmarks() {
        return new SafetyBenchmarks(paths, settings, clock);
    }

    @Override
    public synchronized void close() {
        if (filters != null) {
            filters.close();
        }
        if (queue != null) {
            queue.close();
        }
    }
}
