package io.inferdeck.views.safety;

import io.inferdeck.safety.review.ReviewItem;
import io.inferdeck.safety.review.ReviewQueue;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The human review queue: pending items (masked text only) and the reviewer's decisions. Every
 * database call runs on the background executor; the refreshed list comes back through the dispatcher.
 * FX-thread only.
 */
public final class ReviewModel {

    /** Most items shown at once; the count says how many wait in all. */
    static final int PAGE = 500;

    record Pending(List<ReviewItem> items, int count, String message) {
    }

    private final SafetyBackend backend;
    private final BackgroundExecutor executor;
    private final FxDispatcher.Channel<Pending> channel;
    private final ObservableList<ReviewItem> pending = FXCollections.observableArrayList();
    private final ObservableList<ReviewItem> pendingView = FXCollections.unmodifiableObservableList(pending);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    ReviewModel(SafetyBackend backend, BackgroundExecutor executor, FxDispatcher dispatcher) {
        this.backend = backend;
        this.executor = executor;
        channel = dispatcher.channel("safety-review", p -> {
            if (p.items() != null) {        // null: a failed call, keep what is shown
                pending.setAll(p.items());
            }
            summary.set(p.message() != null ? p.message() : p.count() + " pending");
        });
    }

    public void refresh() {
        act(q -> { }, null);
    }

    public void approve(ReviewItem item) {
        act(q -> q.approve(item.id()), "Approved #" + item.id());
    }

    public void block(ReviewItem item) {
        act(q -> q.block(item.id()), "Blocked #" + item.id());
    }

    public void relabel(ReviewItem item, String label) {
        if (label == null || label.isBlank()) {
            summary.set("A relabel needs a category (or \"benign\").");
            return;
        }
        act(q -> q.relabel(item.id(), label.trim()), "Relabeled #" + item.id() + " as " + label.trim());
    }

    private void act(Consumer<ReviewQueue> action, String done) {
        executor.execute(() -> {
            try {
                ReviewQueue q = backend.reviewQueue();
                action.accept(q);
                int count = q.pendingCount();
                channel.publish(new Pending(q.pending(PAGE), count, done == null ? null : done + " · " + count + " pending"));
            } catch (java.io.IOException | RuntimeException e) {
                channel.publish(new Pending(null, -1, "Review queue: " + e.getMessage()));
            }
        });
    }

    public ObservableList<ReviewItem> pending() { return pendingView; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
