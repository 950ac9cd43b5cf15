package io.inferdeck.safety.normalize;

import static io.inferdeck.safety.normalize.CharTable.CLASS_SHIFT;
import static io.inferdeck.safety.normalize.CharTable.FAST;
import static io.inferdeck.safety.normalize.CharTable.LEET;
import static io.inferdeck.safety.normalize.CharTable.LETTER;

/**
 * One normalization in one pass, with the same output and offsets as {@link Normalizer#reference}. Chars whose
 * {@link CharTable} entry is FAST are mapped by table lookup, one output char each; the obfuscation passes are not
 * run but watched for: a stretch without a <em>trigger</em> is one they leave alone. The triggers, each necessary
 * for its pass to change anything: the {@link SpacingDfa} patterns (spaced letters, spaced Han), a Latin token
 * holding a letter and a leet char (leetspeak), and a char that is not FAST (NFKC segments, zero-width chars,
 * surrogates, combining marks: a char that joins the one before is never FAST, and no cut lies before a char that
 * joins, so the window of its trigger takes in the char it joins). The loop has no branch that depends on the text
 * but these.
 * <p>
 * On a trigger, the output from the last <em>cut</em> before it is dropped and the window from that cut to the
 * first cut after the trigger is normalized by the reference passes ({@link Windows}); a cut is a place no pass
 * looks across ({@link Windows#cutBefore}), so the text normalizes as the concatenation of its windows. Between
 * windows every char yields one char, so output index = original index − {@code delta}. Not thread-safe: one
 * instance per call.
 */
final class FastPass {
    private static final int CHUNK = 4096;
    /** What precedes a cut: a Latin token of 2+ chars, a Han char, anything else inert. */
    static final int T_WORD = 1;
    static final int T_HAN = 2;
    static final int T_OTHER = 3;

    private final Windows windows;
    private final String s;
    private final int n;
    private char[] out;      // the output so far
    private int delta;       // original index - output index along the current fast stretch
    private int dfa = 6 * SpacingDfa.NEUTRAL;   // the SpacingDfa state, packed: 6 × state
    private int tokFlags;    // flags of the Latin token being read, or-ed; 0 outside tokens

    FastPass(Windows windows, String s) {
        this.windows = windows;
        this.s = s;
        this.n = s.length();
    }

    NormalizedText run() {
        OffsetMap map = new OffsetMap();
        char[] buf = new char[Math.min(CHUNK, n)];
        out = new char[n];
        int region = 0;          // where the fast stretch began (0 or a window's end: a cut)
        int i = 0;
        while (true) {
            if (i < n && map.delta() != delta) {
                map.linear(i - delta, i);
            }
            int trigger = stretch(i, buf);
            // the end of the text reads like an "other" char: it may complete a pattern
            if (trigger < 0 && ((int) (windows.dfa()[0] >>> dfa) & 63) != SpacingDfa.PACKED_TRIGGER) {
                return new NormalizedText(s, out, n - delta, map);
            }
            int end = trigger < 0 ? n : trigger;
            int cut = Math.min(end, n - 1);
            while (cut > region && windows.cutBefore(s, cut) == 0) {
                cut--;
            }
            Windows.Resume r = windows.replace(s, cut, end, out, cut - delta, map);
            out = r.out();
            i = region = r.at();
            delta = i - r.length();
            dfa = 6 * (r.tail() == T_WORD ? SpacingDfa.WORD : r.tail() == T_HAN ? SpacingDfa.HAN : SpacingDfa.NEUTRAL);
            tokFlags = 0;
            if (i == n) {
                return new NormalizedText(s, out, r.length(), map);
            }
        }
    }

    /**
     * The fast loop from {@code i}: writes one output char per original char until a trigger (its index is returned)
     * or the end (-1). Reads and leaves {@link #dfa}, {@link #tokFlags}; {@link #out} holds a char per original char.
     */
    private int stretch(int i, char[] buf) {
        final int[] tbl = windows.table();
        final long[] dfaBits = windows.dfa();
        final int leetMask = windows.options().leetspeak() ? LETTER | LEET : -1;   // -1: never all set
        final char[] o = out;
        final int d = delta;
        int st = dfa;
        int flags = tokFlags;
        int trigger = -1;
        while (i < n && trigger < 0) {
            final int from = i;
            final int to = Math.min(n, from + CHUNK);
            s.getChars(from, to, buf, 0);
            for (; i < to; i++) {
                int e = tbl[buf[i - from]];
                st = (int) (dfaBits[(e >>> CLASS_SHIFT) & 3] >>> st) & 63;
                flags = (flags | e) & (e << (31 - CharTable.LATIN_BIT)) >> 31;   // 0 unless Latin
                if ((e & FAST) == 0 || st == SpacingDfa.PACKED_TRIGGER || (flags & leetMask) == leetMask) {
                    trigger = i;
                    break;
                }
                o[i - d] = (char) e;
            }
        }
        dfa = st;
        tokFlags = flags;
        return trigger;
    }
}
