package io.inferdeck.safety.normalize;

/**
 * Recognizes, over the classes of the output chars (other, Latin, separator, Han: {@link CharTable#CLASS_SHIFT}),
 * the two spacing patterns the obfuscation passes act on: a one-char Latin token, 1–{@link ObfuscationPasses#MAX_GAP}
 * separators, another one-char Latin token (spaced letters need at least this), and Han, 1–MAX_GAP separators, Han
 * (spaced Han). Its transitions are packed into one long per class ({@link #packed}), so a step is a shift and a
 * mask on values already in registers — no branch, and no memory load on the loop-carried chain. Stateless.
 */
final class SpacingDfa {
    /** A transition into this value means the pattern just completed (with the char just read, or before it). */
    static final int TRIGGER = -1;
    /** {@link #TRIGGER} in {@link #packed} form. */
    static final int PACKED_TRIGGER = 63;
    static final int NEUTRAL = 0;
    static final int SINGLE = 1;       // a Latin char after a non-Latin one: maybe a one-char token
    static final int WORD = 2;         // inside (or just after) a Latin token of 2+ chars
    static final int GAP1 = 3;         // a one-char token, then 1 separator
    static final int GAP2 = 4;         // ... then 2
    static final int SECOND = 5;       // a one-char token, a short gap, a Latin char: a second one-char token if it ends
    static final int HAN = 6;
    static final int HAN_GAP1 = 7;
    static final int HAN_GAP2 = 8;
    static final int SEPS = 9;         // separators after anything else
    private static final int O = 0;
    private static final int L = 1;
    private static final int S = 2;
    private static final int H = 3;

    private SpacingDfa() {
    }

    /** Transitions, indexed {@code state << 2 | class}; patterns of passes switched off never trigger. */
    static int[] table(NormalizerOptions o) {
        int[] t = new int[40];
        for (int state = 0; state < 10; state++) {
            t[state << 2 | O] = NEUTRAL;
            t[state << 2 | H] = state == HAN_GAP1 || state == HAN_GAP2 ? (o.joinSpacedCjk() ? TRIGGER : HAN) : HAN;
            t[state << 2 | L] = switch (state) {
                case SINGLE, WORD, SECOND -> WORD;
                case GAP1, GAP2 -> SECOND;
                default -> SINGLE;
            };
            t[state << 2 | S] = switch (state) {
                case SINGLE -> GAP1;
                case GAP1 -> GAP2;
                case HAN -> HAN_GAP1;
                case HAN_GAP1 -> HAN_GAP2;
                default -> SEPS;
            };
        }
        if (o.collapseSpacedLetters()) {   // the second one-char token ends: with any non-Latin char (or the text)
            t[SECOND << 2 | O] = TRIGGER;
            t[SECOND << 2 | S] = TRIGGER;
            t[SECOND << 2 | H] = TRIGGER;
        }
        return t;
    }

    /**
     * The table packed per class: bits {@code [6 s, 6 s + 6)} of {@code packed[class]} hold {@code 6 × next state}
     * (or {@link #PACKED_TRIGGER}) for state {@code s}, so with the state kept as {@code 6 s} one step is
     * {@code (packed[class] >>> state) & 63}.
     */
    static long[] packed(NormalizerOptions o) {
        int[] t = table(o);
        long[] p = new long[4];
        for (int state = 0; state < 10; state++) {
            for (int c = 0; c < 4; c++) {
                int next = t[state << 2 | c];
                p[c] |= (long) (next == TRIGGER ? PACKED_TRIGGER : 6 * next) << (6 * state);
            }
        }
        return p;
    }
}
