package io.inferdeck.safety.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.bench.BenchCorpus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan with shallow rows must report exactly what the plain double-array scan reports, in the same order:
 * on random pattern sets over alphabets wider and narrower than a row (short patterns, so rows border states
 * where patterns end), and on the benchmark's term list and mixed text.
 */
class ShallowRowsDifferentialTest {

    @Test
    void sameMatchesAsThePlainScanOnRandomPatternSets() {
        Random rnd = new Random(7);
        String[] alphabets = {"abcdefghijklmnopqrstuvwxyz0123456789 -炸弹药枪刀毒", "ab c炸", "etaoinshrdlu 的是不了人我在有他这"};
        for (int round = 0; round < 60; round++) {
            String alphabet = alphabets[round % alphabets.length];
            LinkedHashSet<String> set = new LinkedHashSet<>();
            for (int k = 1 + rnd.nextInt(400); k > 0; k--) { // duplicates drop out
                set.add(random(rnd, alphabet, 1 + rnd.nextInt(round % 2 == 0 ? 3 : 7)));
            }
            CompactAhoCorasick ac = CompactAhoCorasick.build(List.copyOf(set));
            String text = random(rnd, alphabet + ".,。xyzQ", 3000);
            assertSame(ac, text.toCharArray());
        }
    }

    @Test
    void sameMatchesAsThePlainScanOnTheBenchmarkCorpus() {
        List<String> terms = BenchCorpus.terms(20_000, 3);
        CompactAhoCorasick ac = CompactAhoCorasick.build(terms);
        assertSame(ac, BenchCorpus.mixedText(300_000, terms, 5).toCharArray());
    }

    private static void assertSame(CompactAhoCorasick ac, char[] text) {
        List<Long> fast = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        ac.scan(text, text.length, (p, end) -> fast.add((long) p << 32 | end));
        ac.scanReference(text, text.length, (p, end) -> plain.add((long) p << 32 | end));
        assertThat(fast).isEqualTo(plain);
    }

    private static String random(Random rnd, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
