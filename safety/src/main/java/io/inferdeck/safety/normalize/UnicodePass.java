package io.inferdeck.safety.normalize;

/** NFKC + case folding + zero-width removal, one segment at a time so offsets stay exact. */
final class UnicodePass {
    private UnicodePass() {
    }

    static MappedBuffer apply(String s, NormalizerOptions o) {
        return apply(s, 0, s.length(), o);
    }

    /**
     * The pass over {@code s[from, to)} alone, offsets absolute (indices into {@code s}). {@code from} and {@code to}
     * must be segment boundaries: no char at either joins the one before it (a combining mark, or a low surrogate).
     */
    static MappedBuffer apply(String s, int from, int to, NormalizerOptions o) {
        MappedBuffer out = new MappedBuffer(to - from);
        int i = from;
        int n = to;
        while (i < n) {
            int cp = s.codePointAt(i);
            int segEnd = i + Character.charCount(cp);
            // Keep combining marks (and conjoining jamo) with their base so NFKC can compose them.
            while (segEnd < n && joinsPrevious(s.codePointAt(segEnd))) {
                segEnd += Character.charCount(s.codePointAt(segEnd));
            }
            if (segEnd == i + 1 && isStable(cp)) {
                // Common case (ASCII, Latin-1 letters, Cyrillic, Han, kana, Hangul): NFKC leaves it alone.
                out.append((char) (o.caseFold() ? fold(cp) : cp), i, segEnd);
                i = segEnd;
                continue;
            }
            if (o.removeZeroWidth() && isZeroWidth(cp) && segEnd == i + Character.charCount(cp)) {
                i = segEnd;
                continue;
            }
            String seg = s.substring(i, segEnd);
            if (o.nfkc()) {
                seg = java.text.Normalizer.normalize(seg, java.text.Normalizer.Form.NFKC);
            }
            for (int k = 0; k < seg.length(); ) {
                int c = seg.codePointAt(k);
                k += Character.charCount(c);
                if (o.removeZeroWidth() && isZeroWidth(c)) {
                    continue;
                }
                if (o.caseFold()) {
                    c = fold(c);
                }
                if (Character.isBmpCodePoint(c)) {
                    out.append((char) c, i, segEnd);
                } else {
                    out.append(Character.highSurrogate(c), i, segEnd);
                    out.append(Character.lowSurrogate(c), i, segEnd);
                }
            }
            i = segEnd;
        }
        return out;
    }

    /**
     * Single BMP chars that are NFKC-invariant on their own and not zero-width. Only ranges without
     * compatibility decompositions are listed; anything else goes through the JDK normalizer.
     */
    static boolean isStable(int c) {
        return c < 0x80 || c >= 0xC0 && c <= 0xFF || c >= 0x400 && c <= 0x4FF || c >= 0x4E00 && c <= 0x9FFF
                || c >= 0x3041 && c <= 0x3096 || c >= 0x30A1 && c <= 0x30FA || c >= 0xAC00 && c <= 0xD7A3;
    }

    /** Simple (1:1) case folding: upper then lower, so ſ, K (Kelvin) and final sigma fold like s, k, σ. */
    static int fold(int c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
        if (c >= 0x3041 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7A3) {
            return c; // kana, Han, Hangul: caseless
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static boolean joinsPrevious(int cp) {
        // Below U+0300 (the first combining mark) and in the CJK ideograph block nothing joins: skips the
        // general-category lookup for almost every char of English and Chinese prompts.
        if (cp < 0x300 || cp >= 0x4E00 && cp <= 0x9FFF) {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK
                || t == Character.COMBINING_SPACING_MARK || (cp >= 0x1160 && cp <= 0x11FF);
    }

    /** Invisible characters used to split words past filters. */
    static boolean isZeroWidth(int cp) {
        return switch (cp) {
            case 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
                 0xFEFF, 0x00AD, 0x180E, 0x034F, 0x061C, 0x115F, 0x3164, 0xFFA0 -> true;
            default -> cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069
                    || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0000 && cp <= 0xE007F;
        };
    }
}
