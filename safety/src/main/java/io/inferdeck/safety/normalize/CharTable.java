package io.inferdeck.safety.normalize;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per BMP char, what {@link UnicodePass} makes of it when it is a segment of its own, and how the obfuscation
 * passes classify the result: one int per char, the low 16 bits the output char, the rest flags. Entries are
 * computed by running {@link UnicodePass} itself on each char, so the table cannot disagree with it. Tables are
 * immutable, a pure function of the three Unicode options, and built once per option set (~65 k single-char
 * passes) — hence the shared memo.
 */
final class CharTable {
    /** The char is its own segment's whole input and yields exactly one output char (low 16 bits). */
    static final int FAST = 1 << 16;
    /** The char may join the segment before it: a combining mark, conjoining jamo, or any surrogate. */
    static final int MAY_JOIN = 1 << 17;
    /** Output is Latin-ish ({@link ObfuscationPasses#isLatinish}): it takes part in tokens. */
    static final int LATIN_BIT = 18;
    static final int LATIN = 1 << LATIN_BIT;
    /** Output is a separator ({@link ObfuscationPasses#isSeparator}). */
    static final int SEP = 1 << 19;
    /** Output is a Han character ({@link ObfuscationPasses#isHan}). */
    static final int HAN = 1 << 20;
    /** Output is a letter (counts for spaced runs and leetspeak tokens). */
    static final int LETTER = 1 << 21;
    /** Output is a leetspeak char ({@link ObfuscationPasses#leet} is not 0). */
    static final int LEET = 1 << 22;

    /** Bits 23-24: the output's class for {@link SpacingDfa}: 0 other, 1 Latin, 2 separator, 3 Han. */
    static final int CLASS_SHIFT = 23;

    private static final ConcurrentHashMap<Integer, int[]> TABLES = new ConcurrentHashMap<>();

    private CharTable() {
    }

    /** The table for {@code o}'s Unicode options (NFKC, case folding, zero-width removal); callers must not write it. */
    static int[] of(NormalizerOptions o) {
        int key = (o.nfkc() ? 1 : 0) | (o.caseFold() ? 2 : 0) | (o.removeZeroWidth() ? 4 : 0);
        return TABLES.computeIfAbsent(key, k -> build(o));
    }

    private static int[] build(NormalizerOptions o) {
        int[] t = new int[65536];
        char[] one = new char[1];
        for (int c = 0; c < t.length; c++) {
            if (Character.isSurrogate((char) c)) {
                t[c] = MAY_JOIN;
                continue;
            }
            if (UnicodePass.joinsPrevious(c)) {
                t[c] = MAY_JOIN;
                continue;
            }
            one[0] = (char) c;
            MappedBuffer b = UnicodePass.apply(new String(one), o);
            t[c] = b.length == 1 ? FAST | classify(b.chars[0]) : 0;
        }
        return t;
    }

    /** The output char with its class flags. */
    static int classify(char out) {
        int e = out;
        if (ObfuscationPasses.isLatinish(out)) {
            e |= LATIN | 1 << CLASS_SHIFT;
            e |= ObfuscationPasses.isLetter(out) ? LETTER : 0;
            e |= ObfuscationPasses.leet(out) != 0 ? LEET : 0;
        } else if (ObfuscationPasses.isSeparator(out)) {
            e |= SEP | 2 << CLASS_SHIFT;
        } else if (ObfuscationPasses.isHan(out)) {
            e |= HAN | 3 << CLASS_SHIFT;
        }
        return e;
    }

    /** FAST with an output that neither joins tokens nor separates them: a Han char, punctuation, most scripts. */
    static boolean inert(int e) {
        return (e & (FAST | LATIN | SEP)) == FAST;
    }
}
