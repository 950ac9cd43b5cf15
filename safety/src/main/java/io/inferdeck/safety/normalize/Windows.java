package io.inferdeck.safety.normalize;

import java.util.Arrays;

/**
 * The reference normalization ({@link UnicodePass}, then the obfuscation passes the options switch on), on a whole
 * text or on a window of it, and the splice of a window's result into {@link FastPass}'s output. Immutable and
 * thread-safe.
 */
final class Windows {
    private final NormalizerOptions options;
    private final int[] table;
    private final long[] dfa;

    Windows(NormalizerOptions options) {
        this.options = options;
        this.table = CharTable.of(options);
        this.dfa = SpacingDfa.packed(options);
    }

    NormalizerOptions options() {
        return options;
    }

    int[] table() {
        return table;
    }

    long[] dfa() {
        return dfa;
    }

    /** The reference passes over {@code s[from, to)}, offsets absolute; {@code from} and {@code to} are cuts. */
    MappedBuffer reference(String s, int from, int to) {
        MappedBuffer b = UnicodePass.apply(s, from, to, options);
        if (options.collapseSpacedLetters()) {
            ObfuscationPasses.collapseSpacedLetters(b);
        }
        if (options.joinSpacedCjk()) {
            ObfuscationPasses.joinSpacedHan(b);
        }
        if (options.leetspeak()) {
            ObfuscationPasses.deLeet(b);
        }
        return b;
    }

    /** Where a window ends and what came last before that end ({@link FastPass#T_WORD}, ...). */
    record Resume(char[] out, int length, int at, int tail) {
    }

    /**
     * Normalizes the window from {@code cut} (whose output starts at {@code out[cutW]}) to the first cut after
     * {@code trigger} by the reference passes and writes it there, mapped from {@code cutW} on. The returned buffer
     * holds at least one char per original char after the window.
     */
    Resume replace(String s, int cut, int trigger, char[] out, int cutW, OffsetMap map) {
        int q = trigger;
        int tail = 0;
        while (++q < s.length() && (tail = cutBefore(s, q)) == 0) {
            // a window ends at the first cut past the trigger
        }
        q = Math.min(q, s.length());
        MappedBuffer b = reference(s, cut, q);
        char[] o = out;
        int need = cutW + b.length + (s.length() - q);
        if (need > o.length) {
            o = Arrays.copyOf(o, Math.max(need, o.length + o.length / 2));
        }
        System.arraycopy(b.chars, 0, o, cutW, b.length);
        map.append(cutW, b.start, b.end, b.length);
        return new Resume(o, cutW + b.length, q, tail);
    }

    /**
     * Whether {@code q} is a cut, and if so what precedes it: 0 = no cut. A cut needs {@code s[q]} FAST, not Latin,
     * not followed by a joining char, and before it a FAST Latin pair (a token of 2+ chars ends), or an inert char
     * (not Han when a separator follows). Why no pass looks across it: NFKC segments end there; a spaced-letter run
     * holds only one-char tokens and separators, so it stops at the token's first two chars or at the inert char,
     * and the start test of a run after the cut reads a non-Latin char either way; Han joining needs a separator
     * run between two Han chars, and no separator touches the cut from the Han side; leetspeak works on whole
     * tokens, which end there.
     */
    int cutBefore(String s, int q) {
        int e = table[s.charAt(q)];
        if ((e & (CharTable.FAST | CharTable.LATIN)) != CharTable.FAST
                || q + 1 < s.length() && (table[s.charAt(q + 1)] & CharTable.MAY_JOIN) != 0) {
            return 0;
        }
        int p = table[s.charAt(q - 1)];
        if ((p & (CharTable.FAST | CharTable.LATIN)) == (CharTable.FAST | CharTable.LATIN)) {
            int pp = q >= 2 ? table[s.charAt(q - 2)] : 0;
            return (pp & (CharTable.FAST | CharTable.LATIN)) == (CharTable.FAST | CharTable.LATIN) ? FastPass.T_WORD : 0;
        }
        if (!CharTable.inert(p)) {
            return 0;
        }
        if ((p & CharTable.HAN) != 0) {
            return (e & CharTable.SEP) != 0 ? 0 : FastPass.T_HAN;
        }
        return FastPass.T_OTHER;
    }
}
