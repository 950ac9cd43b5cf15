package io.inferdeck.views.tuning;

import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.views.fx.PageState;
import io.inferdeck.services.tuning.ExportFormat;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.tuning.history.RunComparison;
import io.inferdeck.tuning.history.RunRecord;
import io.inferdeck.views.fx.BackgroundExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Past runs from the run history (newest {@value #LIMIT}), two of them side by side, and export of the list
 * as CSV or JSON (written atomically). Reads and writes happen on the tuning worker. FX thread only.
 */
public final class HistoryModel {
    static final int LIMIT = 200;

    private final TuningService services;
    private final BackgroundExecutor worker;
    private final PageState<TuningState> updates;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObjectProperty<RunRecord> a = new SimpleObjectProperty<>(), b = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<RunComparison> comparison = new ReadOnlyObjectWrapper<>();

    HistoryModel(TuningService services, BackgroundExecutor worker, PageState<TuningState> updates) {
        this.services = services;
        this.worker = worker;
        this.updates = updates;
    }

    public void refresh() {
        worker.execute(() -> {
            try {
                List<String> skipped = new ArrayList<>();
                List<RunRecord> list = services.history().list(LIMIT, skipped::add);
                updates.update(s -> s.withHistory(list));
                if (!skipped.isEmpty()) {
                    updates.update(TuningState.message(skipped.size() == 1 ? "Skipped " + skipped.getFirst()
                            : "Skipped " + skipped.size() + " unreadable runs; the first: " + skipped.getFirst()));
                }
            } catch (DamagedStoreException e) {   // the file was moved aside: say so, show the fresh (empty) history
                updates.update(s -> s.withHistory(List.of()));
                updates.update(TuningState.message(e.movedAside().sentence()));
            } catch (Exception e) {
                updates.update(TuningState.message("Could not read the run history: " + e.getMessage()));
            }
        });
    }

    /** Compares the runs picked as A and B. */
    public void compare() {
        RunRecord ra = a.get(), rb = b.get();
        if (ra == null || rb == null) {
            updates.update(TuningState.message("Pick two runs to compare."));
            return;
        }
        worker.execute(() -> {
            try {
                RunComparison c = services.history().compare(ra.id(), rb.id());
                updates.update(s -> s.withComparison(c));
            } catch (Exception e) {
                updates.update(TuningState.message("Could not compare: " + e.getMessage()));
            }
        });
    }

    /** Writes the listed runs to {@code file} (atomically, on the worker): JSON when it ends in .json, else CSV. */
    public void export(Path file) {
        List<RunRecord> snapshot = List.copyOf(runs);
        worker.execute(() -> {
            try {
                services.history().export(snapshot, file, ExportFormat.of(file, ExportFormat.CSV));
                updates.update(TuningState.message("Exported " + snapshot.size() + " runs to " + file));
            } catch (Exception e) {
                updates.update(TuningState.message("Export failed: " + e.getMessage()));
            }
        });
    }

    void show(List<RunRecord> list, RunComparison c) {
        if (!list.equals(runs)) {
            runs.setAll(list);
        }
        comparison.set(c);
    }

    public ObservableList<RunRecord> runs() { return runsView; }
    public ObjectProperty<RunRecord> aProperty() { return a; }
    public ObjectProperty<RunRecord> bProperty() { return b; }
    public ReadOnlyObjectProperty<RunComparison> comparisonProperty() { return comparison.getReadOnlyProperty(); }
}
