package io.inferdeck.safety.normalize;

import java.util.Arrays;

/**
 * For every normalized char, the range of original chars it came from, stored as pieces so that the common case
 * costs nothing per char: a <em>linear</em> piece maps normalized char {@code at + k} to original
 * {@code [base + k, base + k + 1)}; an <em>explicit</em> piece lists start and end per char (NFKC segments,
 * combining marks, collapsed runs). A piece runs until the next one starts. Built by one writer (appending in
 * normalized order; a piece started at the index of an earlier one replaces it), then read-only: safe to share
 * once published through a final field.
 */
final class OffsetMap {
    /** {@link #delta()} when the last piece is explicit: no linear piece continues it. */
    static final int NOT_LINEAR = Integer.MIN_VALUE;

    private int[] at = new int[8];
    private int[] base = new int[8];  // >= 0: linear, original index of the piece's first char; < 0: ~index into xs/xe
    private int pieces;
    private int[] xs = new int[0];
    private int[] xe = new int[0];
    private int explicit;

    static OffsetMap identity() {
        OffsetMap m = new OffsetMap();
        m.linear(0, 0);
        return m;
    }

    /** Compresses per-char maps ({@code start}/{@code end} of the first {@code length} chars). */
    static OffsetMap of(int[] start, int[] end, int length) {
        OffsetMap m = new OffsetMap();
        m.append(0, start, end, length);
        return m;
    }

    /** Appends chars {@code w, w + 1, ...} mapped to {@code [start[j], end[j])}, reusing the last piece where it fits. */
    void append(int w, int[] start, int[] end, int length) {
        for (int j = 0; j < length; j++, w++) {
            if (end[j] == start[j] + 1) {
                if (delta() != start[j] - w) {
                    linear(w, start[j]);
                }
            } else {
                explicit(w, start[j], end[j]);
            }
        }
    }

    /** Starts a linear piece at normalized index {@code w}, original index {@code orig}. */
    void linear(int w, int orig) {
        grow();
        at[pieces] = w;
        base[pieces++] = orig;
    }

    /** Maps normalized char {@code w} (the next one) to {@code [start, end)}. */
    void explicit(int w, int start, int end) {
        if (pieces == 0 || base[pieces - 1] >= 0 || at[pieces - 1] + explicit - ~base[pieces - 1] != w) {
            grow();
            at[pieces] = w;
            base[pieces++] = ~explicit;
        }
        if (explicit == xs.length) {
            xs = Arrays.copyOf(xs, Math.max(16, explicit * 2));
            xe = Arrays.copyOf(xe, xs.length);
        }
        xs[explicit] = start;
        xe[explicit++] = end;
    }

    /** Original index minus normalized index along the last piece, or {@link #NOT_LINEAR}. */
    int delta() {
        return pieces > 0 && base[pieces - 1] >= 0 ? base[pieces - 1] - at[pieces - 1] : NOT_LINEAR;
    }

    int start(int i) {
        int k = piece(i);
        return base[k] >= 0 ? base[k] + i - at[k] : xs[~base[k] + i - at[k]];
    }

    int end(int i) {
        int k = piece(i);
        return base[k] >= 0 ? base[k] + i - at[k] + 1 : xe[~base[k] + i - at[k]];
    }

    /** The last piece starting at or before {@code i}. */
    private int piece(int i) {
        int lo = 0;
        int hi = pieces - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (at[mid] <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void grow() {
        if (pieces == at.length) {
            at = Arrays.copyOf(at, pieces * 2);
            base = Arrays.copyOf(base, pieces * 2);
        }
    }
}
