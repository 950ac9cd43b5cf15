package io.inferdeck.views.safety;

import io.inferdeck.safety.Span;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteCase;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The cases table: every case of the shown report, filtered by category and outcome, and the
 * drill-down of the selected case. FX-thread only, except {@link #setSuite} (any thread).
 */
public final class CasesModel {

    /** Filter value meaning "no filter" for category. */
    public static final String ALL = "All categories";

    private final SafetyBackend backend;
    private final BackgroundExecutor executor;
    private final FxDispatcher.Channel<CaseDetail> detailChannel;
    private final ObservableList<CaseRow> all = FXCollections.observableArrayList();
    private final FilteredList<CaseRow> filtered = new FilteredList<>(all);
    private final ObservableList<String> categoryChoices = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<String> category = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<CaseRow.Outcome> outcome = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<CaseDetail> detail = new ReadOnlyObjectWrapper<>();
    private volatile Suite suite;

    CasesModel(SafetyBackend backend, BackgroundExecutor executor, FxDispatcher dispatcher) {
        this.backend = backend;
        this.executor = executor;
        detailChannel = dispatcher.channel("safety-case-detail", detail::set);
        category.addListener((o, a, b) -> applyFilter());
        outcome.addListener((o, a, b) -> applyFilter());
    }

    /** The suite whose original prompts the drill-down re-judges. Any thread. */
    void setSuite(Suite suite) {
        this.suite = suite;
    }

    void show(SuiteReport report) {
        all.setAll(report.cases().stream().map(CaseRow::of).toList());
        TreeSet<String> cats = new TreeSet<>();
        report.cases().forEach(c -> cats.add(c.category()));
        List<String> choices = new ArrayList<>();
        choices.add(ALL);
        choices.addAll(cats);
        categoryChoices.setAll(choices);
        if (!choices.contains(category.get())) {
            category.set(ALL);
        }
        detail.set(null);
        applyFilter();
    }

    private void applyFilter() {
        String cat = category.get();
        CaseRow.Outcome out = outcome.get();
        filtered.setPredicate(r -> (cat == null || ALL.equals(cat) || cat.equals(r.result().category()))
                && (out == null || r.outcome() == out));
    }

    /**
     * Re-judges the row's original prompt with the input filter in the background, so the detail pane
     * can list every stage's verdict and highlight spans (the report itself keeps only masked text).
     */
    public void select(CaseRow row) {
        if (row == null) {
            detail.set(null);
            return;
        }
        Suite s = suite;
        Optional<SuiteCase> c = s == null ? Optional.empty()
                : s.cases().stream().filter(x -> x.line() == row.result().line()).findFirst();
        if (c.isEmpty()) {
            detail.set(new CaseDetail(row.result(), row.result().safePrompt(), List.of(), List.of()));
            return;
        }
        String prompt = c.get().prompt();
        executor.execute(() -> {
            try {
                PipelineResult r = backend.pipeline().filter(prompt, Side.INPUT);
                List<Span> spans = new ArrayList<>();
                for (Verdict v : r.verdicts()) {
                    spans.addAll(v.spans());
                }
                detailChannel.publish(new CaseDetail(row.result(), prompt, r.verdicts(), spans));
            } catch (java.io.IOException | RuntimeException e) {
                detailChannel.publish(new CaseDetail(row.result(), row.result().safePrompt(), List.of(), List.of()));
            }
        });
    }

    public ObservableList<CaseRow> rows() { return filtered; }
    public int totalRows() { return all.size(); }
    public ObservableList<String> categoryChoices() { return categoryChoices; }
    public ObjectProperty<String> categoryProperty() { return category; }
    public ObjectProperty<CaseRow.Outcome> outcomeProperty() { return outcome; }
    public ReadOnlyObjectProperty<CaseDetail> detailProperty() { return detail.getReadOnlyProperty(); }
}
