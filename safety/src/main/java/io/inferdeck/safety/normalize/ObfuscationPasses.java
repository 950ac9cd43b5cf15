package io.inferdeck.safety.normalize;

/** The obfuscation passes; each works on a {@link MappedBuffer} and keeps its offset map. */
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

    static boolean isLatinish(char c) {
        return c < 0x250 && Character.isLetterOrDigit(c) || leet(c) != 0;
    }

    /** "k i l l" / "b.o.m.b" / "k 1 l l" → "kill" / "bomb" / "k1ll" (at least two real letters). */
    static MappedBuffer collapseSpacedLetters(MappedBuffer in) {
        MappedBuffer out = new MappedBuffer(in.length);
        int i = 0;
        char[] c = in.chars;
        while (i < in.length) {
            if (isLatinish(c[i]) && (i == 0 || !isLatinish(c[i - 1]))) {
                int tokens = 1;
                int letters = Character.isLetter(c[i]) ? 1 : 0;
                int j = i + 1; // end of the last single-char token
                String gap = null; // every gap must look like the first: "a B.O.M.B" is "a" + "bomb"
                while (true) {
                    int k = j;
                    while (k < in.length && k - j < MAX_GAP && isSeparator(c[k])) {
                        k++;
                    }
                    boolean single = k > j && k < in.length && isLatinish(c[k])
                            && (k + 1 >= in.length || !isLatinish(c[k + 1]));
                    String g = new String(c, j, k - j);
                    if (!single || gap != null && !gap.equals(g)) {
                        break;
                    }
                    gap = g;
                    tokens++;
                    letters += Character.isLetter(c[k]) ? 1 : 0;
                    j = k + 1;
                }
                if (tokens >= MIN_SPACED_RUN && letters >= 2 && (j >= in.length || !isLatinish(c[j]))) {
                    for (int k = i; k < j; k++) {
                        if (!isSeparator(c[k])) {
                            out.copy(in, k);
                        }
                    }
                    i = j;
                    continue;
                }
            }
            out.copy(in, i++);
        }
        return out;
    }

    /** Drops short separator runs between two Han characters: Chinese does not space words. */
    static MappedBuffer joinSpacedHan(MappedBuffer in) {
        MappedBuffer out = new MappedBuffer(in.length);
        char[] c = in.chars;
        for (int i = 0; i < in.length; i++) {
            if (isSeparator(c[i]) && out.length > 0 && isHan(out.chars[out.length - 1])) {
                int k = i;
                while (k < in.length && isSeparator(c[k])) {
                    k++;
                }
                if (k - i <= MAX_GAP && k < in.length && isHan(c[k])) {
                    i = k - 1;
                    continue;
                }
            }
            out.copy(in, i);
        }
        return out;
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
                letter |= c[j] < 0x250 && Character.isLetter(c[j]);
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
