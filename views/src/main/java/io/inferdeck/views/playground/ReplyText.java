package io.inferdeck.views.playground;

/**
 * The text of one streaming reply, append-only: the streaming thread appends deltas, the FX thread reads
 * the part it has not shown yet. A prefix once written never changes, so (text, length) is an immutable
 * snapshot the page state can carry without copying the whole reply per delta. Thread-safe.
 */
public final class ReplyText {
    private final StringBuilder text = new StringBuilder();

    /** @return the length after appending */
    synchronized int append(String delta) {
        text.append(delta);
        return text.length();
    }

    synchronized int length() {
        return text.length();
    }

    /** Characters [from, to) — written once, never changed. */
    synchronized String slice(int from, int to) {
        return text.substring(from, to);
    }
}
