package io.inferdeck.safety.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * Deterministic benchmark inputs (seeded; nothing is committed): a term list of N entries, half Latin
 * words and phrases built from syllables, half 2–6 character Han terms over 3 000 code points, and a
 * mixed Chinese/English text in which roughly one sentence in fifty contains a listed term.
 */
public final class BenchCorpus {
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ter", "van", "sol", "qui", "ber", "dra",
        "nex", "pho", "rum", "tis", "zen", "gal", "hor", "wen", "ly", "ost", "cre", "fin", "mad", "pur", "sh"};
    private static final String[] ENGLISH = {"the", "model", "server", "please", "explain", "how", "to",
        "configure", "memory", "latency", "batch", "token", "request", "a", "with", "for", "and", "process",
        "quantization", "gpu", "throughput", "is", "what", "when", "why", "kill", "python", "system"};
    private static final int HAN_BASE = 0x4E00;
    private static final int HAN_SPAN = 3000;

    private BenchCorpus() {
    }

    public static List<String> terms(int count, long seed) {
        Random rnd = new Random(seed);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        while (out.size() < count) {
            out.add(out.size() % 2 == 0 ? latinTerm(rnd) : hanTerm(rnd, 2 + rnd.nextInt(5)));
        }
        return new ArrayList<>(out);
    }

    private static String latinTerm(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int words = rnd.nextInt(4) == 0 ? 2 : 1;
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                sb.append(' ');
            }
            int syl = 2 + rnd.nextInt(3);
            for (int i = 0; i < syl; i++) {
                sb.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
            }
        }
        return sb.toString();
    }

    private static String hanTerm(Random rnd, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append((char) (HAN_BASE + rnd.nextInt(HAN_SPAN)));
        }
        return sb.toString();
    }

    /** About {@code chars} characters of alternating English and Chinese sentences. */
    public static String mixedText(int chars, List<String> terms, long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder(chars + 256);
        while (sb.length() < chars) {
            if (rnd.nextBoolean()) {
                int words = 6 + rnd.nextInt(12);
                for (int i = 0; i < words; i++) {
                    sb.append(ENGLISH[rnd.nextInt(ENGLISH.length)]).append(' ');
                }
                sb.setCharAt(sb.length() - 1, '.');
                sb.append(' ');
            } else {
                sb.append(hanTerm(rnd, 8 + rnd.nextInt(24))).append('。');
            }
            if (rnd.nextInt(50) == 0) {
                sb.append(' ').append(terms.get(rnd.nextInt(terms.size()))).append(' ');
            }
        }
        return sb.toString();
    }
}
