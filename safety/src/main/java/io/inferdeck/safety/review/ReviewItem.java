package io.inferdeck.safety.review;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One queued text: one item per (side, text, deciding stage, decision) — the same text judged again updates
 * its item ({@code seen} counts the judgements) instead of queueing a copy. {@code text} is the PII-masked
 * text (raw text never reaches the queue). {@code status} is pending until a reviewer approves, blocks or
 * relabels it; {@code label} is the reviewer's category (or "benign") for relabels. {@code stage} and
 * {@code decision} are empty for items queued before they were recorded. Immutable.
 */
public record ReviewItem(long id, Instant createdAt, String side, String text, String category, OptionalDouble score,
                         Status status, String label, Instant reviewedAt, String stage, String decision, int seen) {
    public enum Status { PENDING, APPROVED, BLOCKED, RELABELED }

    /** True when a reviewer found the text acceptable: approved, or relabeled as benign. */
    public boolean acceptable() {
        return status == Status.APPROVED || status == Status.RELABELED && "benign".equalsIgnoreCase(label);
    }
}
