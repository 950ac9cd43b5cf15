package io.inferdeck.views.safety;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.report.CategoryStats;
import io.inferdeck.safety.report.Fingerprint;
import io.inferdeck.safety.report.ReportBuilder;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.report.SuiteRecorder;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.EngineClient;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteRun;
import io.inferdeck.safety.suite.SuiteRunner;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Safety page's state: suite picker, run mode, a suite run with progress and cancel, the report,
 * run history with a diff, and export. Sub-models hold the cases table ({@link CasesModel}) and the
 * review queue ({@link ReviewModel}).
 *
 * <p>Threads: public methods and properties are FX-thread only. Work (model load, suite run, file I/O)
 * goes to the {@link BackgroundExecutor}; results come back only through {@link FxDispatcher} channels,
 * so a 1 000-case run posts at most 10 progress updates a second, not one per case.
 */
public final class SafetyViewModel {

    /** Filter only (input filter), or input filter, engine, output filter. */
    public enum RunMode {
        FILTER_ONLY("Filter only"), END_TO_END("End-to-end (engine)");

        private final String label;

        RunMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A stored previous run of the selected suite. */
    public record HistoryEntry(Path file, String startedAt) {
        @Override
        public String toString() {
            return startedAt;
        }
    }

    private final SafetyBackend backend;
    private final BackgroundExecutor executor;
    private final FxDispatcher.Channel<RunProgress> progressChannel;
    private final FxDispatcher.Channel<List<SuiteSource>> suitesChannel;
    private final FxDispatcher.Channel<List<HistoryEntry>> historyChannel;
    private final FxDispatcher.Channel<String> messageChannel;
    private final FxDispatcher.Channel<String> diffChannel;
    private final FxDispatcher.Channel<Optional<EngineEndpoint>> engineChannel;
    private final CasesModel cases;
    private final ReviewModel review;

    private final ObservableList<SuiteSource> suites = FXCollections.observableArrayList();
    private final ObjectProperty<SuiteSource> selectedSuite = new SimpleObjectProperty<>();
    private final ObjectProperty<RunMode> mode = new SimpleObjectProperty<>(RunMode.FILTER_ONLY);
    private final ReadOnlyBooleanWrapper engineAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Pick a suite and press Run.");
    private final ReadOnlyObjectWrapper<SuiteReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CategoryStats> categories = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    // Read-only views kept in fields: an unmodifiable wrapper listens to its list weakly, so a wrapper
    // made per call could be collected and silently stop passing changes on.
    private final ObservableList<CategoryStats> categoriesView = FXCollections.unmodifiableObservableList(categories);
    private final ObservableList<HistoryEntry> historyView = FXCollections.unmodifiableObservableList(history);
    private final ReadOnlyStringWrapper diffText = new ReadOnlyStringWrapper("");
    private volatile Optional<EngineEndpoint> engine = Optional.empty();
    private AtomicBoolean cancel = new AtomicBoolean();

    public SafetyViewModel(SafetyBackend backend, BackgroundExecutor executor, FxDispatcher dispatcher,
                           EngineTarget engineTarget) {
        this.backend = backend;
        this.executor = executor;
        progressChannel = dispatcher.channel("safety-run", this::showProgress);
        suitesChannel = dispatcher.channel("safety-suites", this::showSuites);
        historyChannel = dispatcher.channel("safety-history", history::setAll);
        messageChannel = dispatcher.channel("safety-message", status::set);
        diffChannel = dispatcher.channel("safety-diff", diffText::set);
        engineChannel = dispatcher.channel("safety-engine", this::showEngine);
        cases = new CasesModel(backend, executor, dispatcher);
        review = new ReviewModel(backend, executor, dispatcher);
        if (engineTarget != null) {
            engineTarget.subscribe(e -> {    // publisher's thread: remember, then hand to the FX thread
                engine = e;
                engineChannel.publish(e);
            });
        }
        selectedSuite.addListener((o, a, b) -> refreshHistory());
    }

    /** Reads the suite list and the review queue in the background; call once when the page opens. */
    public void refresh() {
        executor.execute(() -> {
            try {
                suitesChannel.publish(backend.suites());
            } catch (java.io.IOException e) {
                messageChannel.publish("Could not list suites: " + e.getMessage());
            }
        });
        review.refresh();
    }

    public void addSuiteFile(Path file) {
        SuiteSource s = SuiteSource.file(file);
        if (!suites.contains(s)) {
            suites.add(s);
        }
        selectedSuite.set(s);
    }

    /** Starts a run of the selected suite; ignored while one is running. */
    public void run() {
        SuiteSource source = selectedSuite.get();
        if (running.get() || source == null) {
            return;
        }
        RunMode runMode = mode.get() == RunMode.END_TO_END && engine.isPresent() ? RunMode.END_TO_END : RunMode.FILTER_ONLY;
        Optional<EngineEndpoint> endpoint = runMode == RunMode.END_TO_END ? engine : Optional.empty();
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        running.set(true);
        progress.set(-1);
        status.set("Loading filters…");
        executor.execute(() -> runInBackground(source, endpoint, flag));
    }

    public void cancel() {
        cancel.set(true);
    }

    private void runInBackground(SuiteSource source, Optional<EngineEndpoint> endpoint, AtomicBoolean cancelled) {
        try {
            Suite suite = backend.load(source);
            FilterPipeline pipeline = backend.pipeline();
            int total = suite.cases().size();
            progressChannel.publish(new RunProgress(true, 0, total, "Running " + suite.name() + "…", null));
            EngineClient client = endpoint.map(e -> new EngineClient(e.baseUrl(), e.key().orElse(null), 256,
                    Duration.ofSeconds(120))).orElse(null);
            SuiteRun run = new SuiteRunner(pipeline, client, backend.clock()).run(suite, (done, all, last) ->
                    progressChannel.publish(new RunProgress(true, done, all, "Case " + done + " of " + all, null)),
                    cancelled::get);
            Fingerprint fp = new Fingerprint(pipeline.configHash(), pipeline.classifier().fingerprint(), run.model(),
                    "none", "none");
            RunHistory h = backend.history();
            SuiteReport r = SuiteRecorder.record(run, fp, h);
            cases.setSuite(suite);
            String msg = (r.cancelled() ? "Cancelled after " : "Finished ") + r.cases().size() + " cases"
                    + (suite.problems().isEmpty() ? "" : "; " + suite.problems().size() + " bad lines skipped");
            progressChannel.publish(new RunProgress(false, r.cases().size(), total, msg, r));
            historyChannel.publish(entries(h, r.suite()));
        } catch (java.io.IOException | RuntimeException e) {
            progressChannel.publish(new RunProgress(false, 0, 0, "Run failed: " + e.getMessage(), null));
        }
    }

    private void showProgress(RunProgress p) {
        running.set(p.running());
        progress.set(p.fraction());
        status.set(p.message());
        if (p.report() != null) {
            report.set(p.report());
            categories.setAll(p.report().categories());
            cases.show(p.report());
            diffText.set(DiffText.of(p.report().diff()));
            review.refresh();
        }
    }

    private void showSuites(List<SuiteSource> list) {
        SuiteSource keep = selectedSuite.get();
        List<SuiteSource> merged = new ArrayList<>(list);
        if (keep != null && !merged.contains(keep)) {
            merged.add(keep);
        }
        suites.setAll(merged);
        selectedSuite.set(keep != null ? keep : merged.getFirst());
    }

    private void showEngine(Optional<EngineEndpoint> e) {
        engineAvailable.set(e.isPresent());
        if (e.isEmpty()) {
            mode.set(RunMode.FILTER_ONLY);
        }
    }

    private void refreshHistory() {
        SuiteSource s = selectedSuite.get();
        if (s == null) {
            return;
        }
        executor.execute(() -> {
            try {
                historyChannel.publish(entries(backend.history(), backend.load(s).name()));
            } catch (java.io.IOException | RuntimeException e) {
                historyChannel.publish(List.of());
            }
        });
    }

    private static List<HistoryEntry> entries(RunHistory h, String suite) throws java.io.IOException {
        List<HistoryEntry> out = new ArrayList<>();
        for (Path p : h.runs(suite).reversed()) {
            out.add(new HistoryEntry(p, p.getFileName().toString().replaceFirst("\\.json$", "")));
        }
        return out;
    }

    /** Diffs the shown report against a stored run, in the background. */
    public void compareWith(HistoryEntry entry) {
        SuiteReport now = report.get();
        if (entry == null || now == null) {
            return;
        }
        executor.execute(() -> {
            try {
                SuiteReport before = RunHistory.readJson(entry.file());
                diffChannel.publish("Compared with " + entry.startedAt() + ":\n" + DiffText.of(ReportBuilder.diff(before, now)));
            } catch (java.io.IOException | RuntimeException e) {
                diffChannel.publish("Could not read " + entry.file() + ": " + e.getMessage());
            }
        });
    }

    /** Writes the shown report atomically (temp file + rename) as JSON or, for *.html, a self-contained page. */
    public void export(Path file) {
        SuiteReport r = report.get();
        if (r == null || file == null) {
            return;
        }
        executor.execute(() -> {
            try {
                if (file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".html")) {
                    io.inferdeck.safety.report.HtmlReport.write(r, file);
                } else {
                    RunHistory.writeJson(r, file);
                }
                messageChannel.publish("Report written to " + file);
            } catch (java.io.IOException | RuntimeException e) {
                messageChannel.publish("Could not write " + file + ": " + e.getMessage());
            }
        });
    }

    public CasesModel cases() { return cases; }
    public ReviewModel review() { return review; }
    public ObservableList<SuiteSource> suites() { return suites; }
    public ObjectProperty<SuiteSource> selectedSuiteProperty() { return selectedSuite; }
    public ObjectProperty<RunMode> modeProperty() { return mode; }
    public ReadOnlyBooleanProperty engineAvailableProperty() { return engineAvailable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SuiteReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ObservableList<CategoryStats> categories() { return categoriesView; }
    public ObservableList<HistoryEntry> history() { return historyView; }
    public ReadOnlyStringProperty diffTextProperty() { return diffText.getReadOnlyProperty(); }
}
