package io.inferdeck.safety.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test: {@link Normalizer#normalize} (one pass, {@link FastPass}) against {@link Normalizer#reference}
 * (the passes one after the other) — same text, same original range for every normalized char — on seeded random
 * strings from an alphabet built to hit every pass and every edge of the single pass: combining marks, full-width
 * forms, zero-width chars, surrogates (paired and lone), NFKC expansions, leetspeak, spaced letters, Han with
 * separators, spaced-out words with 1-3 separator gaps, under all 64 option sets.
 */
class SinglePassIdentityTest {
    private static final String[] ALPHABET = {
        "a", "b", "k", "i", "l", "x", "A", "Z", "ab", "kill", "the", "model", "0", "1", "3", "4", "5", "7", "9",
        "2024", "@", "$", " ", " ", " ", ".", "-", "_", "*", "/", "|", "~", "+", "·", "\t", "  ", ". ", "\u3000",
        "炸", "弹", "制作", "。", "，", "!", ",", "?", "\n", "Ｂ", "ｏ", "１", "＠", "\u200B", "\u200D", "\uFEFF",
        "\u00AD", "\u0301", "\u0308", "\u20DD", "e\u0301", "ﬁ", "①", "㎏", "\u212A", "ſ", "ß", "İ", "ı", "é", "É",
        "Ω", "ж", "한", "\u1100\u1161", "\u1160", "𝐤", "😀", "\uD800", "\uDC00", "\uD834\uDD65", "ｶ", "\uFF9E",
        "\u2126", "ǆ", "\u00B2", "¼", "\u0000",
    };
    /** The pieces of spaced letters, spaced Han and leetspeak, for texts dense in them. */
    private static final String[] DENSE = {"a", "k", "b", "1", "0", "@", "$", "ab", " ", " ", " ", ".", "-", "  ",
        "炸", "弹", "。", "\u200B", "Ｋ", "é", "e\u0301"};

    @Test
    void singlePassMatchesTheReferenceUnderEveryOptionSet() {
        Random rnd = new Random(20261206);
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            texts.add(random(rnd, k % 2 == 0 ? DENSE : ALPHABET, rnd.nextInt(k % 10 == 0 ? 200 : 30)));
        }
        for (int bits = 0; bits < 64; bits++) {
            NormalizerOptions o = new NormalizerOptions((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
                    (bits & 8) != 0, (bits & 16) != 0, (bits & 32) != 0);
            Normalizer normalizer = new Normalizer(o);
            for (String t : texts) {
                assertSame(normalizer, t);
            }
        }
    }

    @Test
    void longTextsCrossTheChunkSize() {
        Random rnd = new Random(7);
        Normalizer lexical = new Normalizer(NormalizerOptions.LEXICAL);
        for (int k = 0; k < 12; k++) {
            assertSame(lexical, random(rnd, k % 2 == 0 ? DENSE : ALPHABET, 3000 + rnd.nextInt(3000)));
        }
    }

    /** Gaps of spaced-out words: 1, 2 and 3 separators (3 is one too many). */
    private static final String[] GAPS = {" ", ".", "-", "  ", ". ", "..", "...", " . "};

    static String random(Random rnd, String[] alphabet, int tokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            if (rnd.nextInt(12) == 0) {   // a spaced-out word ("k i l l", "b. o. m. b", "炸 弹"), one gap throughout
                String gap = GAPS[rnd.nextInt(GAPS.length)];
                int letters = 2 + rnd.nextInt(4);
                for (int k = 0; k < letters; k++) {
                    sb.append(k > 0 ? gap : "").append(alphabet == DENSE ? DENSE[rnd.nextInt(8)] : "ki1l炸弹".charAt(rnd.nextInt(6)));
                }
                continue;
            }
            sb.append(alphabet[rnd.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    private static void assertSame(Normalizer normalizer, String t) {
        NormalizedText fast = normalizer.normalize(t);
        NormalizedText ref = normalizer.reference(t);
        String where = normalizer.options() + " on " + escape(t);
        assertThat(fast.text()).as(where).isEqualTo(ref.text());
        assertThat(fast.length()).as(where).isEqualTo(ref.length());
        for (int i = 0; i < ref.length(); i++) {
            assertThat(fast.originalStart(i)).as("start of %d, %s", i, where).isEqualTo(ref.originalStart(i));
            assertThat(fast.originalEnd(i)).as("end of %d, %s", i, where).isEqualTo(ref.originalEnd(i));
        }
    }

    private static String escape(String t) {
        StringBuilder sb = new StringBuilder();
        t.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return sb.toString();
    }
}
