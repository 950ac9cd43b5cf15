package io.inferdeck.views.safety;

import io.inferdeck.safety.review.ReviewItem;
import io.inferdeck.services.safety.ReviewDesk;
import io.inferdeck.services.safety.ReviewPage;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.PageState;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The human review queue: pending items (masked text only) and the reviewer's decisions. Every queue call
 * runs on the background executor; the refreshed list comes back as the page state's review part.
 * Public methods are FX-thread only; {@link #load} runs on the worker.
 */
public final class ReviewModel {

    /** Most items shown at once; the count says how many wait in all. */
    static final int PAGE = 500;

    private final SafetyService service;
    private final BackgroundExecutor executor;
    private final PageState<SafetyState> state;
    private final ObservableList<ReviewItem> pending = FXCollections.observableArrayList();
    private final ObservableList<ReviewItem> pendingView = FXCollections.unmodifiableObservableList(pending);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    ReviewModel(SafetyService service, BackgroundExecutor executor, PageState<SafetyState> state) {
        this.service = service;
        this.executor = executor;
        this.state = state;
    }

    public void refresh() {
        act(d -> true, null, null);
    }

    public void approve(ReviewItem item) {
        act(d -> d.approve(item.id()), "Approved #" + item.id(), missing(item));
    }

    public void block(ReviewItem item) {
        act(d -> d.block(item.id()), "Blocked #" + item.id(), missing(item));
    }

    public void relabel(ReviewItem item, String label) {
        if (label == null || label.isBlank()) {
            state.update(s -> s.withReview(new SafetyState.Review(s.review().items(),
                    "A relabel needs a category (or \"benign\").")));
            return;
        }
        act(d -> d.relabel(item.id(), label.trim()), "Relabeled #" + item.id() + " as " + label.trim(), missing(item));
    }

    private static String missing(ReviewItem item) {
        return "#" + item.id() + " is no longer pending";
    }

    private void act(Predicate<ReviewDesk> decision, String done, String missing) {
        executor.execute(() -> state.update(load(decision, done, missing)));
    }

    /**
     * Worker thread: applies the decision (false = the item was not pending) and reads the page. The result
     * is the change to the page state; a failure keeps the items shown and says why.
     */
    UnaryOperator<SafetyState> load(Predicate<ReviewDesk> decision, String done, String missing) {
        try {
            ReviewDesk desk = service.review();
            String line = decision.test(desk) ? done : missing;
            ReviewPage page = desk.page(PAGE);
            String count = page.pendingCount() + " pending";
            SafetyState.Review r = new SafetyState.Review(page.items(), line == null ? count : line + " · " + count);
            return s -> s.withReview(r);
        } catch (java.io.IOException | RuntimeException e) {
            String why = "Review queue: " + e.getMessage();
            return s -> s.withReview(new SafetyState.Review(s.review().items(), why));
        }
    }

    /** FX thread: the page state's review part changed. */
    void show(SafetyState.Review before, SafetyState.Review now) {
        if (now.items() != before.items()) {
            pending.setAll(now.items());
        }
        summary.set(now.summary());
    }

    public ObservableList<ReviewItem> pending() { return pendingView; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
