package io.inferdeck.safety.normalize;

/** NFKC + case folding + zero-width removal, one segment at a time so offsets stay exact. */
final class UnicodePass {
    private UnicodePass() {
    }

    static MappedBuffer apply(String s, NormalizerOptions o) {
        MappedBuffer out = new MappedBuffer(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            int segEnd = i + Character.charCount(cp);
            // Keep combining marks (and conjoining jamo) with their base so NFKC can compose them.
            while (segEnd < n && joinsPrevious(s.codePointAt(segEnd))) {
                segEnd += Character.charCount(s.codePointAt(segEnd));
            }
            if (o.removeZeroWidth() && isZeroWidth(cp) && segEnd == i + Character.charCount(cp)) {
                i = segEnd;
                continue;
            }
            // Pure-ASCII segments are already NFKC; skipping the JDK normalizer keeps this pass fast.
            String seg = s.substring(i, segEnd);
            if (o.nfkc() && !(segEnd == i + 1 && cp < 0x80)) {
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

    /** Simple (1:1) case folding: upper then lower, so ſ, K (Kelvin) and final sigma fold like s, k, σ. */
    static int fold(int c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static boolean joinsPrevious(int cp) {
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
