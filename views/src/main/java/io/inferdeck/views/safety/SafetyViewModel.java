package io.inferdeck.views.safety;

import io.inferdeck.safety.report.CategoryStats;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.CaseResult;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Safety page: run a suite in the background, show progress, then the report — headline figures,
 * per-category stats and the cases (optionally only the wrong ones).
 *
 * <p>FX thread only. Progress and the finished report come back through the FX dispatcher (latest
 * value per channel), so a 1 000-case run costs at most 10 UI updates a second, not 1 000.
 */
public final class SafetyViewModel {
    /** Which cases the table shows. */
    public enum CaseFilter { ALL, WRONG, FALSE_POSITIVES, FALSE_NEGATIVES }

    private record Progress(int done, int total) {
    }

    private record Outcome(SuiteReport report, String error) {
    }

    private final SuiteRunner runner;
    private final BackgroundExecutor background;
    private final FxDispatcher.Channel<Progress> progressChannel;
    private final FxDispatcher.Channel<Outcome> outcomeChannel;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "No suite run yet.");
    private final ReadOnlyStringWrapper recall = new ReadOnlyStringWrapper(this, "recall", "—");
    private final ReadOnlyStringWrapper precision = new ReadOnlyStringWrapper(this, "precision", "—");
    private final ReadOnlyStringWrapper f1 = new ReadOnlyStringWrapper(this, "f1", "—");
    private final ReadOnlyStringWrapper benignFpr = new ReadOnlyStringWrapper(this, "benignFpr", "—");
    private final ObservableList<CategoryStats> categories = FXCollections.observableArrayList();
    private final ObservableList<CaseResult> cases = FXCollections.observableArrayList();
    // One read-only view each: an unmodifiable wrapper listens weakly, so a fresh one per call could be
    // collected together with the listeners a view attached to it.
    private final ObservableList<CategoryStats> categoriesView = FXCollections.unmodifiableObservableList(categories);
    private final ObservableList<CaseResult> casesView = FXCollections.unmodifiableObservableList(cases);
    private final AtomicBoolean cancel = new AtomicBoolean();
    private SuiteReport report;
    private CaseFilter filter = CaseFilter.ALL;

    public SafetyViewModel(SuiteRunner runner, BackgroundExecutor background, FxDispatcher dispatcher) {
        this.runner = runner;
        this.background = background;
        progressChannel = dispatcher.channel("safety-progress", this::showProgress);
        outcomeChannel = dispatcher.channel("safety-outcome", this::showOutcome);
    }

    public void run(String suite, boolean endToEnd) {
        if (running.get()) {
            return;
        }
        running.set(true);
        progress.set(0);
        cancel.set(false);
        status.set("Running " + suite + (endToEnd ? " through the engine…" : " (filters only)…"));
        background.execute(() -> {
            try {
                SuiteReport r = runner.run(suite, endToEnd, (done, total) -> progressChannel.publish(new Progress(done, total)), cancel::get);
                outcomeChannel.publish(new Outcome(r, null));
            } catch (Exception e) {
                outcomeChannel.publish(new Outcome(null, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        });
    }

    public void cancel() {
        cancel.set(true);
    }

    public void filterCases(CaseFilter f) {
        filter = f;
        refreshCases();
    }

    private void showProgress(Progress p) {
        if (running.get() && p.total() > 0) {
            progress.set(p.done() / (double) p.total());
            status.set(String.format(Locale.ROOT, "%d / %d cases", p.done(), p.total()));
        }
    }

    private void showOutcome(Outcome o) {
        running.set(false);
        if (o.report() == null) {
            status.set("Run failed: " + o.error());
            return;
        }
        report = o.report();
        progress.set(1);
        recall.set(percent(report.overall().recall()));
        precision.set(percent(report.overall().precision()));
        f1.set(percent(report.overall().f1()));
        benignFpr.set(percent(report.benignFalsePositiveRate()));
        categories.setAll(report.categories());
        status.set(String.format(Locale.ROOT, "%s: %d cases, %.0f cases/s%s%s", report.suite(), report.overall().count(),
                report.casesPerSecond(), report.cancelled() ? " (cancelled)" : "",
                report.problems().isEmpty() ? "" : ", " + report.problems().size() + " bad lines skipped"));
        refreshCases();
    }

    private void refreshCases() {
        if (report == null) {
            return;
        }
        List<CaseResult> shown = report.cases().stream().filter(c -> switch (filter) {
            case ALL -> true;
            case WRONG -> c.stopped() != c.expected().stops();
            case FALSE_POSITIVES -> c.stopped() && !c.expected().stops();
            case FALSE_NEGATIVES -> !c.stopped() && c.expected().stops();
        }).toList();
        cases.setAll(shown);
    }

    static String percent(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty recallProperty() { return recall.getReadOnlyProperty(); }
    public ReadOnlyStringProperty precisionProperty() { return precision.getReadOnlyProperty(); }
    public ReadOnlyStringProperty f1Property() { return f1.getReadOnlyProperty(); }
    public ReadOnlyStringProperty benignFprProperty() { return benignFpr.getReadOnlyProperty(); }
    public ObservableList<CategoryStats> categories() { return categoriesView; }
    public ObservableList<CaseResult> cases() { return casesView; }
}
