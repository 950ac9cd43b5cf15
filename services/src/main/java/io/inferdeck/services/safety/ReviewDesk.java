package io.inferdeck.services.safety;

import io.inferdeck.safety.review.ReviewQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The human review queue as the Safety page and {@code safety review} work it: a reviewer decides only
 * pending items (a decision on anything else changes nothing and says so). Texts are PII-masked already.
 * Thread-safe (the queue serialises its calls); blocking (SQLite): background threads only.
 */
public final class ReviewDesk {
    private final ReviewQueue queue;

    ReviewDesk(ReviewQueue queue) {
        this.queue = queue;
    }

    public ReviewPage page(int limit) {
        return new ReviewPage(queue.pending(limit), queue.pendingCount());
    }

    public int pendingCount() {
        return queue.pendingCount();
    }

    /** Marks the text acceptable (benign). @return false when no pending item has this id */
    public boolean approve(long id) {
        return decide(id, queue::approve);
    }

    /** Confirms the text should be blocked. @return false when no pending item has this id */
    public boolean block(long id) {
        return decide(id, queue::block);
    }

    /**
     * Gives the text a category (or "benign"); relabels feed training.
     *
     * @return false when no pending item has this id
     * @throws IllegalArgumentException when the label is blank
     */
    public boolean relabel(long id, String label) {
        return decide(id, i -> queue.relabel(i, label));
    }

    private boolean decide(long id, LongConsumer action) {
        if (queue.pending(Integer.MAX_VALUE).stream().noneMatch(i -> i.id() == id)) {
            return false;
        }
        action.accept(id);
        return true;
    }

    /** Writes the reviewed items as training JSONL ({"text", "label"}) for {@code safety train}; returns how many. */
    public int exportTraining(Path file) throws IOException {
        return queue.exportTrainingJsonl(file);
    }
}
