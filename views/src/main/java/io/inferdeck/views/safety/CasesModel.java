package io.inferdeck.views.safety;

import io.inferdeck.safety.Span;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.safety.report.SuiteReport;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteCase;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.PageState;
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
 * drill-down of the selected case (the page state's detail part). FX-thread only.
 */
public final class CasesModel {

    /** Filter value meaning "no filter" for category. */
    public static final String ALL = "All categories";

    private final SafetyService service;
    private final BackgroundExecutor executor;
    private final PageState<SafetyState> state;
    private final ObservableList<CaseRow> all = FXCollections.observableArrayList();
    private final FilteredList<CaseRow> filtered = new FilteredList<>(all);
    private final ObservableList<String> categoryChoices = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<String> category = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<CaseRow.Outcome> outcome = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<CaseDetail> detail = new ReadOnlyObjectWrapper<>();
    private Suite suite;

    CasesModel(SafetyService service, BackgroundExecutor executor, PageState<SafetyState> state) {
        this.service = service;
        this.executor = executor;
        this.state = state;
        category.addListener((o, a, b) -> applyFilter());
        outcome.addListener((o, a, b) -> applyFilter());
    }

    /** FX thread: the page state changed; a new report refills the table. */
    void show(SafetyState before, SafetyState now) {
        if (PageState.changed(before, now, SafetyState::shown)) {
            now.shown().ifPresent(this::show);
        }
        if (PageState.changed(before, now, SafetyState::detail)) {
            detail.set(now.detail().orElse(null));
        }
    }

    private void show(SafetyState.Shown shown) {
        suite = shown.suite();
        SuiteReport report = shown.report();
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
            publish(null);
            return;
        }
        Suite s = suite;
        Optional<SuiteCase> c = s == null ? Optional.empty()
                : s.cases().stream().filter(x -> x.line() == row.result().line()).findFirst();
        if (c.isEmpty()) {
            publish(new CaseDetail(row.result(), row.result().safePrompt(), List.of(), List.of()));
            return;
        }
        String prompt = c.get().prompt();
        executor.execute(() -> {
            try {
                PipelineResult r = service.judge(prompt, Side.INPUT);
                List<Span> spans = new ArrayList<>();
                for (Verdict v : r.verdicts()) {
                    spans.addAll(v.spans());
                }
                publish(new CaseDetail(row.result(), prompt, r.verdicts(), spans));
            } catch (java.io.IOException | RuntimeException e) {
                publish(new CaseDetail(row.result(), row.result().safePrompt(), List.of(), List.of()));
            }
        });
    }

    private void publish(CaseDetail d) {
        state.update(s -> s.withDetail(Optional.ofNullable(d)));
    }

    public ObservableList<CaseRow> rows() { return filtered; }
    public int totalRows() { return all.size(); }
    public ObservableList<String> categoryChoices() { return categoryChoices; }
    public ObjectProperty<String> categoryProperty() { return category; }
    public ObjectProperty<CaseRow.Outcome> outcomeProperty() { return outcome; }
    public ReadOnlyObjectProperty<CaseDetail> detailProperty() { return detail.getReadOnlyProperty(); }
}
