package io.inferdeck.services.safety.live;

/**
 * Where the tail of a streamed text begins that could still be the start of personal data continued by the next
 * delta: the trailing run of characters the PII kinds are made of (ASCII letters and digits, {@code @ . _ % + - :},
 * their full-width forms, zero-width characters the detector removes, and a space or hyphen between digits, as in
 * "138 0013 8000"), at most {@code max} characters. Anything else (other spaces, punctuation, CJK text) ends every
 * kind of PII the detector knows, so the text before it can be judged for good. Stateless.
 */
final class HeldTail {
    private HeldTail() {
    }

    /** Index in {@code s} where the held tail starts; {@code s.length()} when nothing needs holding. */
    static int start(CharSequence s, int max) {
        int i = s.length();
        int limit = Math.max(0, s.length() - max);
        while (i > limit) {
            char c = s.charAt(i - 1);
            boolean digitGap = (c == ' ' || c == '-') && i >= 2 && digit(s.charAt(i - 2));
            if (!piiChar(c) && !digitGap) {
                break;
            }
            i--;
        }
        return i;
    }

    private static boolean piiChar(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);   // full-width forms: the detector reads them as ASCII (NFKC)
        }
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "@._%+-:".indexOf(c) >= 0;
        }
        return c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF';   // removed before detection
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9' || c >= '\uFF10' && c <= '\uFF19';
    }
}
