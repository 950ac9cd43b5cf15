package io.inferdeck.safety.normalize;

import io.inferdeck.safety.Span;
import java.util.Objects;

/**
 * A normalized text plus, for every normalized char, the range of ORIGINAL chars it came from, so a
 * match found in {@link #text()} can be reported (and masked) in the original. Immutable and thread-safe: the
 * chars and the map are never written after construction and never exposed for writing; the {@code String}
 * form is made on first use (stages that scan chars never pay for it).
 */
public final class NormalizedText {
    /** Reads the normalized chars in place. */
    @FunctionalInterface
    public interface CharsReader<R> {
        /** {@code chars[0, length)} is the normalized text; the array is the text's own storage: never write it. */
        R read(char[] chars, int length);
    }

    private final String original;
    private final OffsetMap map;
    private final int length;
    // Exactly one of givenChars/givenText is set (final: visible to every thread); the other form is derived on
    // first use into a volatile cache (a race makes it twice, equal).
    private final char[] givenChars;
    private final String givenText;
    private volatile String madeText;
    private volatile char[] madeChars;

    NormalizedText(String original, char[] chars, int length, OffsetMap map) {
        this.original = Objects.requireNonNull(original);
        this.givenChars = chars;
        this.givenText = null;
        this.length = length;
        this.map = map;
    }

    private NormalizedText(String original, String text, OffsetMap map) {
        this.original = original;
        this.givenChars = null;
        this.givenText = text;
        this.length = text.length();
        this.map = map;
    }

    /** The identity mapping: for stages switched off, or texts that need nothing. */
    public static NormalizedText identity(String s) {
        return new NormalizedText(s, s, OffsetMap.identity());
    }

    public String original() {
        return original;
    }

    public String text() {
        if (givenText != null) {
            return givenText;
        }
        String t = madeText;
        if (t == null) {
            t = new String(givenChars, 0, length);
            madeText = t;
        }
        return t;
    }

    /** Length of the normalized text in chars. */
    public int length() {
        return length;
    }

    /** Hands the normalized chars to {@code reader} without copying them (when they exist as chars). */
    public <R> R readChars(CharsReader<R> reader) {
        char[] c = givenChars != null ? givenChars : madeChars;
        if (c == null) {
            c = givenText.toCharArray();
            madeChars = c;
        }
        return reader.read(c, length);
    }

    /** First original index of normalized char {@code i}. */
    public int originalStart(int i) {
        Objects.checkIndex(i, length);
        return map.start(i);
    }

    /** One past the last original index of normalized char {@code i}. */
    public int originalEnd(int i) {
        Objects.checkIndex(i, length);
        return map.end(i);
    }

    /** Maps the normalized range {@code [start, end)} back to the original text. */
    public Span toOriginal(int start, int end, String label, String replacement) {
        if (start < 0 || end > length || end < start) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        if (start == end) {
            int at = start < length ? map.start(start) : original.length();
            return new Span(at, at, label, replacement);
        }
        return new Span(map.start(start), map.end(end - 1), label, replacement);
    }

    public Span toOriginal(int start, int end, String label) {
        return toOriginal(start, end, label, null);
    }

    @Override
    public String toString() {
        // Texts may hold PII: never print them from here.
        return "NormalizedText[" + original.length() + " -> " + length + " chars]";
    }
}
