package io.inferdeck.safety;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language of a prompt by its script, for per-language figures and for routing to a Chinese or an
 * English embedding model: no Han character → {@code en}; Han characters plus at least
 * {@link #MIXED_LATIN_WORDS} Latin words → {@code mixed}; else {@code zh}. A heuristic used only where a
 * suite line carries no {@code lang} field; stateless.
 */
public final class Lang {
    public static final String EN = "en";
    public static final String ZH = "zh";
    public static final String MIXED = "mixed";
    /** Latin words (two or more letters) a Han-script text needs before it counts as mixed. */
    static final int MIXED_LATIN_WORDS = 3;
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}{2,}");

    private Lang() {
    }

    /** True when the text contains any Han (CJK ideograph) character. */
    public static boolean hasHan(String text) {
        return HAN.matcher(text).find();
    }

    public static String detect(String text) {
        if (!hasHan(text)) {
            return EN;
        }
        Matcher m = LATIN_WORD.matcher(text);
        int words = 0;
        while (words < MIXED_LATIN_WORDS && m.find()) {
            words++;
        }
        return words >= MIXED_LATIN_WORDS ? MIXED : ZH;
    }
}
