package io.inferdeck.safety;

/**
 * A half-open range {@code [start, end)} of UTF-16 indexes into the ORIGINAL text (never the
 * normalized one), with what was found there. {@code replacement} is the masked form for PII spans
 * and null otherwise; spans never carry the matched text itself, so they are safe to log.
 */
public record Span(int start, int end, String label, String replacement) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public Span(int start, int end, String label) {
        this(start, end, label, null);
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Span o) {
        return start < o.end && o.start < end;
    }
}
