package io.inferdeck.views.safety;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.safety.report.CategoryStats;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.StoredRun;
import io.inferdeck.services.safety.SuiteSource;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import io.inferdeck.views.fx.PageState;
import java.nio.file.Path;
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
 * The Safety page: suite picker, run mode, a suite run with progress and cancel, the report and export.
 * Sub-models hold the cases table ({@link CasesModel}), the run history with its diff
 * ({@link RunHistoryModel}) and the review queue ({@link ReviewModel}); the work itself is the
 * {@link SafetyService}'s.
 *
 * <p>Threads: public methods and properties are FX-thread only. Work goes to the {@link BackgroundExecutor};
 * everything it finds comes back through ONE dispatcher channel ("safety") carrying the cumulative
 * {@link SafetyState}, which {@link #show} draws; FX-side actions change that state the same way.
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

    private final SafetyService service;
    private final BackgroundExecutor executor;
    private final PageState<SafetyState> state;
    private final CasesModel cases;
    private final ReviewModel review;
    private final RunHistoryModel history;
    private final ThresholdModel thresholds;

    private final ObservableList<SuiteSource> suites = FXCollections.observableArrayList();
    private final ObjectProperty<SuiteSource> selectedSuite = new SimpleObjectProperty<>();
    private final ObjectProperty<RunMode> mode = new SimpleObjectProperty<>(RunMode.FILTER_ONLY);
    private final ReadOnlyBooleanWrapper engineAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(SafetyState.INITIAL.status());
    private final ReadOnlyObjectWrapper<SuiteReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CategoryStats> categories = FXCollections.observableArrayList();
    // kept in a field: an unmodifiable wrapper listens weakly, one made per call could stop passing changes on
    private final ObservableList<CategoryStats> categoriesView = FXCollections.unmodifiableObservableList(categories);
    private AtomicBoolean cancel = new AtomicBoolean();

    public SafetyViewModel(SafetyService service, BackgroundExecutor executor, FxDispatcher dispatcher,
                           EngineTarget engineTarget) {
        this.service = service;
        this.executor = executor;
        state = new PageState<>(dispatcher, "safety", SafetyState.INITIAL, this::show);
        cases = new CasesModel(service, executor, state);
        review = new ReviewModel(service, executor, state);
        history = new RunHistoryModel(service, executor, state);
        thresholds = new ThresholdModel(service, executor, state);
        if (engineTarget != null) {
            engineTarget.subscribe(e -> state.update(s -> s.withEngine(e)));   // publisher's thread
        }
        selectedSuite.addListener((o, a, b) -> history.refresh(b));
    }

    /** Reads the suite list and the review queue in the background; call once when the page opens. */
    public void refresh() {
        executor.execute(() -> {
            try {
                List<SuiteSource> list = service.suites().list();
                state.update(s -> s.withSuites(list));
            } catch (java.io.IOException e) {
                state.update(s -> s.withStatus("Could not list suites: " + e.getMessage()));
            }
        });
        review.refresh();
        thresholds.refresh();
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
        SafetyState now = state.current();        // newer than the drawn state: a double click cannot start two runs
        if (now.run().running() || source == null) {
            return;
        }
        Optional<EngineEndpoint> endpoint = mode.get() == RunMode.END_TO_END ? now.engine() : Optional.empty();
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        state.update(s -> s.withRun(RunProgress.LOADING, "Loading filters…"));
        executor.execute(new SuiteRunTask(service, state, review, source, endpoint, flag));
    }

    /** The running suite stops before its next case. */
    public void cancel() {
        cancel.set(true);
    }

    /** Saves the shown report in the background: JSON, or a self-contained page for *.html. */
    public void export(Path file) {
        SuiteReport r = report.get();
        if (r == null || file == null) {
            return;
        }
        executor.execute(() -> {
            String line;
            try {
                service.export(r, file);
                line = "Report written to " + file;
            } catch (java.io.IOException | RuntimeException e) {
                line = "Could not write " + file + ": " + e.getMessage();
            }
            String done = line;
            state.update(s -> s.withStatus(done));
        });
    }

    /** FX thread (dispatcher drain): draws the parts of the state that changed. */
    private void show(SafetyState before, SafetyState now) {
        if (PageState.changed(before, now, SafetyState::suites)) {
            showSuites(now.suites());
        }
        running.set(now.run().running());
        progress.set(now.run().fraction());
        status.set(now.status());
        if (PageState.changed(before, now, SafetyState::shown) && now.shown().isPresent()) {
            report.set(now.shown().get().report());
            categories.setAll(now.shown().get().report().categories());
        }
        if (PageState.changed(before, now, SafetyState::engine)) {
            engineAvailable.set(now.engine().isPresent());
            if (now.engine().isEmpty()) {
                mode.set(RunMode.FILTER_ONLY);
            }
        }
        cases.show(before, now);
        history.show(before, now);
        if (PageState.changed(before, now, SafetyState::review)) {
            review.show(before.review(), now.review());
        }
        if (PageState.changed(before, now, SafetyState::thresholds)) {
            thresholds.show(before.thresholds(), now.thresholds());
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

    public CasesModel cases() { return cases; }
    public ReviewModel review() { return review; }
    public ThresholdModel thresholds() { return thresholds; }
    public ObservableList<SuiteSource> suites() { return suites; }
    public ObjectProperty<SuiteSource> selectedSuiteProperty() { return selectedSuite; }
    public ObjectProperty<RunMode> modeProperty() { return mode; }
    public ReadOnlyBooleanProperty engineAvailableProperty() { return engineAvailable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SuiteReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ObservableList<CategoryStats> categories() { return categoriesView; }
    public ObservableList<StoredRun> history() { return history.runs(); }
    public ReadOnlyStringProperty diffTextProperty() { return history.diffTextProperty(); }
    public void compareWith(StoredRun run) { history.compareWith(run); }
}
