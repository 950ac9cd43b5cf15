package io.inferdeck.safety.normalize;

/**
 * The obfuscation passes; each works on a {@link MappedBuffer} in place and keeps its offset map. The passes that
 * drop chars compact the buffer as they go: the write index never passes the read index, and every look-back
 * reads a position already final (the last char kept) or not yet written.
 */
final class ObfuscationPasses {
    /** Fewest single-char tokens in a row that count as a spaced-out word. */
    static final int MIN_SPACED_RUN = 3;
    /** Longest separator run between the letters of a spaced-out word or between Han characters. */
    static final int MAX_GAP = 2;

    private ObfuscationPasses() {
    }

    static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '.' || c == '*' || c == '-' || c == '_' || c == '·'
                || c == '/' || c == '|' || c == '~' || c == '+';
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** {@link Character#isLetter(char)} with the ASCII answer inline (the general-category lookup is the hot spot). */
    static boolean isLetter(char c) {
        return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c);
    }

    static boolean isLatinish(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '@' || c == '$';
        }
        return c < 0x250 && Character.isLetterOrDigit(c);   // no leet char lies above ASCII
    }

    /** "k i l l" / "b.o.m.b" / "k 1 l l" → "kill" / "bomb" / "k1ll" (at least two real letters). In place. */
    static void collapseSpacedLetters(MappedBuffer b) {
        int w = 0;
        int i = 0;
        char[] c = b.chars;
        int n = b.length;
        while (i < n) {
            // c[i - 1] is the input's char: position i - 1 was written, if at all, with the char read there
            if (isLatinish(c[i]) && (i == 0 || !isLatinish(c[i - 1]))) {
                int tokens = 1;
                int letters = isLetter(c[i]) ? 1 : 0;
                int j = i + 1; // end of the last single-char token
                int gapAt = -1; // every gap must look like the first: "a B.O.M.B" is "a" + "bomb"
                int gapLength = 0;
                while (true) {
                    int k = j;
                    while (k < n && k - j < MAX_GAP && isSeparator(c[k])) {
                        k++;
                    }
                    boolean single = k > j && k < n && isLatinish(c[k]) && (k + 1 >= n || !isLatinish(c[k + 1]));
                    if (!single || gapAt >= 0 && !java.util.Arrays.equals(c, gapAt, gapAt + gapLength, c, j, k)) {
                        break;
                    }
                    gapAt = j;
                    gapLength = k - j;
                    tokens++;
                    letters += isLetter(c[k]) ? 1 : 0;
                    j = k + 1;
                }
                if (tokens >= MIN_SPACED_RUN && letters >= 2 && (j >= n || !isLatinish(c[j]))) {
                    for (int k = i; k < j; k++) {
                        if (!isSeparator(c[k])) {
                            b.move(k, w++);
                        }
                    }
                    i = j;
                    continue;
                }
            }
            if (w != i) {   // until the first drop the buffer is its own output: nothing to copy
                b.move(i, w);
            }
            i++;
            w++;
        }
        b.length = w;
    }

    /** Drops short separator runs between two Han characters: Chinese does not space words. In place. */
    static void joinSpacedHan(MappedBuffer b) {
        int w = 0;
        char[] c = b.chars;
        int n = b.length;
        for (int i = 0; i < n; i++) {
            if (isSeparator(c[i]) && w > 0 && isHan(c[w - 1])) {   // c[w - 1]: the last char kept
                int k = i;
                while (k < n && isSeparator(c[k])) {
                    k++;
                }
                if (k - i <= MAX_GAP && k < n && isHan(c[k])) {
                    i = k - 1;
                    continue;
                }
            }
            if (w != i) {
                b.move(i, w);
            }
            w++;
        }
        b.length = w;
    }

    static boolean isHan(char c) {
        return c >= 0x3400 && c <= 0x9FFF || c >= 0xF900 && c <= 0xFAFF;
    }

    /** In place: leet characters become letters inside tokens that already contain a Latin letter. */
    static void deLeet(MappedBuffer b) {
        char[] c = b.chars;
        int i = 0;
        while (i < b.length) {
            if (!isLatinish(c[i])) {
                i++;
                continue;
            }
            int j = i;
            boolean letter = false;
            boolean leet = false;
            while (j < b.length && isLatinish(c[j])) {
                letter |= c[j] < 0x250 && isLetter(c[j]);
                leet |= leet(c[j]) != 0;
                j++;
            }
            if (letter && leet) {
                for (int k = i; k < j; k++) {
                    char r = leet(c[k]);
                    // A trailing @ or $ is punctuation ("cash$"), not a letter in disguise.
                    if (r != 0 && !(k == j - 1 && !Character.isDigit(c[k]))) {
                        c[k] = r;
                    }
                }
            }
            i = j;
        }
    }

    static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            default -> 0;
        };
    }
}
