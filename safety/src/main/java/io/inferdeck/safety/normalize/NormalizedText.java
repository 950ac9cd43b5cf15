package io.inferdeck.safety.normalize;

import io.inferdeck.safety.Span;
import java.util.Objects;

/**
 * A normalized text plus, for every normalized char, the range of ORIGINAL chars it came from, so a
 * match found in {@link #text()} can be reported (and masked) in the original. Immutable; the maps
 * are never exposed for writing.
 */
public final class NormalizedText {
    private final String original;
    private final String text;
    private final int[] origStart;
    private final int[] origEnd;

    NormalizedText(String original, String text, int[] origStart, int[] origEnd) {
        this.original = Objects.requireNonNull(original);
        this.text = Objects.requireNonNull(text);
        if (origStart.length != text.length() || origEnd.length != text.length()) {
            throw new IllegalArgumentException("offset maps must cover every normalized char");
        }
        this.origStart = origStart;
        this.origEnd = origEnd;
    }

    /** The identity mapping: for stages switched off, or texts that need nothing. */
    public static NormalizedText identity(String s) {
        int[] a = new int[s.length()];
        int[] b = new int[s.length()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
            b[i] = i + 1;
        }
        return new NormalizedText(s, s, a, b);
    }

    public String original() {
        return original;
    }

    public String text() {
        return text;
    }

    /** First original index of normalized char {@code i}. */
    public int originalStart(int i) {
        return origStart[i];
    }

    /** One past the last original index of normalized char {@code i}. */
    public int originalEnd(int i) {
        return origEnd[i];
    }

    /** Maps the normalized range {@code [start, end)} back to the original text. */
    public Span toOriginal(int start, int end, String label, String replacement) {
        if (start < 0 || end > text.length() || end < start) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + text.length());
        }
        if (start == end) {
            int at = start < text.length() ? origStart[start] : original.length();
            return new Span(at, at, label, replacement);
        }
        return new Span(origStart[start], origEnd[end - 1], label, replacement);
    }

    public Span toOriginal(int start, int end, String label) {
        return toOriginal(start, end, label, null);
    }

    @Override
    public String toString() {
        // Texts may hold PII: never print them from here.
        return "NormalizedText[" + original.length() + " -> " + text.length() + " chars]";
    }
}
