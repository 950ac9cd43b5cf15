package io.inferdeck.safety.review;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One queued text in the uncertain band. {@code text} is the PII-masked text (raw text never reaches
 * the queue). {@code status} is pending until a reviewer approves, blocks or relabels it;
 * {@code label} is the reviewer's category (or "benign") for relabels. Immutable.
 */
public record ReviewItem(long id, Instant createdAt, String side, String text, String category, OptionalDouble score,
                         Status status, String label, Instant reviewedAt) {
    public enum Status { PENDING, APPROVED, BLOCKED, RELABELED }
}
