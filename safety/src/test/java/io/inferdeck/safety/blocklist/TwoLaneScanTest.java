package io.inferdeck.safety.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two-lane scan of long texts must report exactly what one lane reports, in the same order: for every text length
 * around the point where lanes start, over a small alphabet where matches overlap the lanes' seam, and with patterns
 * as long as the second lane's lead-in.
 */
class TwoLaneScanTest {

    @Test
    void everyLengthAroundTheSeamGivesTheOneLaneMatches() {
        Random rnd = new Random(11);
        for (int round = 0; round < 40; round++) {
            int longest = 1 + rnd.nextInt(round % 2 == 0 ? 4 : 32);
            LinkedHashSet<String> set = new LinkedHashSet<>();
            for (int k = 1 + rnd.nextInt(60); k > 0; k--) {
                set.add(random(rnd, "abc炸", 1 + rnd.nextInt(longest)));
            }
            CompactAhoCorasick ac = CompactAhoCorasick.build(List.copyOf(set));
            String text = random(rnd, "abc炸 x", CompactAhoCorasick.TWO_LANES_MIN + 300);
            for (int length = CompactAhoCorasick.TWO_LANES_MIN - 3; length <= text.length(); length++) {
                assertSame(ac, text.toCharArray(), length);
            }
        }
    }

    @Test
    void aRunOfOneCharMatchesAtEveryEnd() {
        CompactAhoCorasick ac = CompactAhoCorasick.build(List.of("a", "aa", "aaaaaaa"));
        char[] text = "a".repeat(1000).toCharArray();
        List<Long> found = matches(ac, text, text.length);
        assertThat(found).hasSize(1000 + 999 + 994);
        assertSame(ac, text, text.length);
    }

    private static void assertSame(CompactAhoCorasick ac, char[] text, int length) {
        List<Long> plain = new ArrayList<>();
        ac.scanReference(text, length, (p, end) -> plain.add((long) p << 32 | end));
        assertThat(matches(ac, text, length)).as("length %d", length).isEqualTo(plain);
    }

    private static List<Long> matches(CompactAhoCorasick ac, char[] text, int length) {
        List<Long> out = new ArrayList<>();
        ac.scan(text, length, (p, end) -> out.add((long) p << 32 | end));
        return out;
    }

    private static String random(Random rnd, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
