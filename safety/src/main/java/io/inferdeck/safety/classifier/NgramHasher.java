package io.inferdeck.safety.classifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Lexical features that a frozen sentence embedding misses: the text's n-grams, hashed into {@code 2^bits}
 * buckets. Tokens are runs of Han characters or of {@code [a-z0-9']}; a Han run gives its character 1-, 2- and
 * 3-grams (Chinese has no spaces, so character n-grams stand in for words); a Latin token gives itself and, when
 * longer than 3, its character 4-grams with boundary marks (typos and inflections share most of them); adjacent
 * Latin tokens give word bigrams. Each distinct bucket counts once and the vector is L2-normalized, so long
 * prompts do not outweigh short ones. Buckets are CRC-32 of the gram's UTF-8 bytes (with a kind prefix) modulo
 * {@code 2^bits}: stable across JVMs and releases, which stored heads rely on. Thread-safe (stateless).
 */
public final class NgramHasher {
    public static final int DEFAULT_BITS = 16;
    private static final Pattern TOKEN = Pattern.compile("[\\x{3400}-\\x{9fff}]+|[a-z0-9']+");

    private final int bits;

    public NgramHasher(int bits) {
        if (bits < 8 || bits > 24) {
            throw new IllegalArgumentException("n-gram hash bits must be in 8..24: " + bits);
        }
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public int dims() {
        return 1 << bits;
    }

    public SparseFeatures features(String text) {
        List<String> grams = grams(text.toLowerCase(Locale.ROOT));
        int[] buckets = new int[grams.size()];
        CRC32 crc = new CRC32();
        for (int i = 0; i < buckets.length; i++) {
            crc.reset();
            crc.update(grams.get(i).getBytes(StandardCharsets.UTF_8));
            buckets[i] = (int) (crc.getValue() & (dims() - 1));
        }
        int[] unique = Arrays.stream(buckets).sorted().distinct().toArray();
        float[] value = new float[unique.length];
        Arrays.fill(value, (float) (1 / Math.sqrt(Math.max(1, unique.length))));
        return new SparseFeatures(unique, value);
    }

    static List<String> grams(String lower) {
        List<String> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(lower);
        while (m.find()) {
            String t = m.group();
            if (t.charAt(0) >= 0x3400 && t.charAt(0) <= 0x9fff) {
                for (int n = 1; n <= 3; n++) {
                    for (int i = 0; i + n <= t.length(); i++) {
                        out.add("c" + t.substring(i, i + n));
                    }
                }
            } else {
                out.add("w" + t);
                words.add(t);
                if (t.length() > 3) {
                    String p = "<" + t + ">";
                    for (int i = 0; i + 4 <= p.length(); i++) {
                        out.add("k" + p.substring(i, i + 4));
                    }
                }
            }
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            out.add("b" + words.get(i) + " " + words.get(i + 1));
        }
        return out;
    }
}
