package io.inferdeck.views.safety;

import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.StoredRun;
import io.inferdeck.services.safety.SuiteSource;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.PageState;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History tab: stored runs of the selected suite, and the diff of the shown report against the previous
 * run or a chosen stored one. Reads run on the background executor; results come back as the page state's
 * history and diff parts. FX-thread only.
 */
public final class RunHistoryModel {
    private final SafetyService service;
    private final BackgroundExecutor executor;
    private final PageState<SafetyState> state;
    private final ObservableList<StoredRun> runs = FXCollections.observableArrayList();
    // kept in a field: an unmodifiable wrapper listens weakly, one made per call could stop passing changes on
    private final ObservableList<StoredRun> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyStringWrapper diffText = new ReadOnlyStringWrapper("");
    private SuiteReport shown;

    RunHistoryModel(SafetyService service, BackgroundExecutor executor, PageState<SafetyState> state) {
        this.service = service;
        this.executor = executor;
        this.state = state;
    }

    /** Lists the stored runs of {@code source} in the background; an unreadable suite lists none. */
    void refresh(SuiteSource source) {
        if (source == null) {
            return;
        }
        executor.execute(() -> {
            List<StoredRun> list;
            try {
                list = service.history(source);
            } catch (java.io.IOException | RuntimeException e) {
                list = List.of();
            }
            List<StoredRun> found = list;
            state.update(s -> s.withHistory(found));
        });
    }

    /** Diffs the shown report against a stored run, in the background. */
    public void compareWith(StoredRun run) {
        SuiteReport now = shown;
        if (run == null || now == null) {
            return;
        }
        executor.execute(() -> {
            String text;
            try {
                text = "Compared with " + run.startedAt() + ":\n" + DiffText.of(service.compare(run, now));
            } catch (java.io.IOException | RuntimeException e) {
                text = "Could not read " + run.file() + ": " + e.getMessage();
            }
            String diff = text;
            state.update(s -> s.withDiff(diff));
        });
    }

    /** FX thread: the page state changed. */
    void show(SafetyState before, SafetyState now) {
        shown = now.shown().map(SafetyState.Shown::report).orElse(null);
        if (PageState.changed(before, now, SafetyState::history)) {
            runs.setAll(now.history());
        }
        diffText.set(now.diff());
    }

    public ObservableList<StoredRun> runs() { return runsView; }
    public ReadOnlyStringProperty diffTextProperty() { return diffText.getReadOnlyProperty(); }
}
