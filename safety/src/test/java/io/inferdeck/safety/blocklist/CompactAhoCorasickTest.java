package io.inferdeck.safety.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CompactAhoCorasickTest {

    @Test
    void findsOverlappingAndNestedPatterns() {
        CompactAhoCorasick ac = CompactAhoCorasick.build(List.of("he", "she", "his", "hers", "炸弹", "弹"));
        List<String> found = new ArrayList<>();
        String text = "ushers 炸弹";
        ac.scan(text, (p, end) -> found.add(text.substring(end - ac.patternLength(p), end) + "@" + end));
        assertThat(found).containsExactlyInAnyOrder("she@4", "he@4", "hers@6", "炸弹@9", "弹@9");
    }

    @Test
    void duplicatePatternsAreEachReported() {
        CompactAhoCorasick ac = CompactAhoCorasick.build(List.of("ab", "ab", "b"));
        List<Integer> ids = new ArrayList<>();
        ac.scan("xab", (p, end) -> ids.add(p));
        assertThat(ids).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void agreesWithNaiveSearchOnRandomMixedScriptInput() {
        Random rnd = new Random(42);
        String alphabet = "abcde炸弹药枪 ";
        TreeSet<String> set = new TreeSet<>();
        while (set.size() < 300) {
            set.add(randomString(rnd, alphabet, 1 + rnd.nextInt(5)));
        }
        List<String> patterns = List.copyOf(set);
        CompactAhoCorasick ac = CompactAhoCorasick.build(patterns);
        for (int round = 0; round < 20; round++) {
            String text = randomString(rnd, alphabet + "xyz", 400);
            TreeSet<String> expected = new TreeSet<>();
            for (int p = 0; p < patterns.size(); p++) {
                String pat = patterns.get(p);
                for (int i = text.indexOf(pat); i >= 0; i = text.indexOf(pat, i + 1)) {
                    expected.add(p + ":" + (i + pat.length()));
                }
            }
            TreeSet<String> actual = new TreeSet<>();
            ac.scan(text, (p, end) -> actual.add(p + ":" + end));
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void emptyPatternIsRejected() {
        assertThatThrownBy(() -> CompactAhoCorasick.build(List.of("a", ""))).hasMessageContaining("empty");
    }

    @Test
    void charactersOutsideEveryPatternResetToRoot() {
        CompactAhoCorasick ac = CompactAhoCorasick.build(List.of("abc"));
        assertThat(ac.count("abXc abc ab")).isEqualTo(1);
    }

    static String randomString(Random rnd, String alphabet, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
