package io.inferdeck.safety.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.safety.normalize.NormalizedText;
import io.inferdeck.safety.normalize.Normalizer;
import io.inferdeck.safety.normalize.NormalizerOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Blocklist#find} against a brute-force oracle (every occurrence of every term by {@code indexOf}, the
 * whole-word rule, the offset map): same hits. Terms and texts are drawn from a small alphabet so that terms overlap,
 * nest, repeat across categories and lists, sit inside words and at their edges, and the texts pass through every
 * path of the single-pass normalizer (leet, spaced letters, full-width, combining marks).
 */
class BlocklistOracleTest {
    private static final String[] PIECES = {"a", "b", "ab", "ba", "k", "kill", "il", "1", "7", " ", " ", ".", "-",
        "炸", "弹", "炸弹", "é", "e\u0301", "Ａ", "x", "\u200B"};
    private final Normalizer norm = new Normalizer(NormalizerOptions.LEXICAL);

    @Test
    void findReportsExactlyTheWholeWordOccurrencesOfEveryTerm() {
        Random rnd = new Random(15);
        for (int round = 0; round < 60; round++) {
            List<TermList> lists = List.of(new TermList("one", "weapons", terms(rnd)),
                    new TermList("two", "drugs", terms(rnd)));
            Blocklist blocklist = Blocklist.build(lists);
            for (int k = 0; k < 40; k++) {
                NormalizedText text = norm.normalize(draw(rnd, rnd.nextInt(40)));
                assertThat(keys(blocklist.find(text))).as("%s in %s", lists, text.text())
                        .isEqualTo(keys(oracle(lists, text)));
            }
        }
    }

    private List<String> terms(Random rnd) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
            String term = draw(rnd, 1 + rnd.nextInt(3));
            if (!term.isBlank()) {
                t.add(term);
            }
        }
        return t.isEmpty() ? List.of("ab") : t;
    }

    private static String draw(Random rnd, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[rnd.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private List<BlocklistHit> oracle(List<TermList> lists, NormalizedText text) {
        String s = text.text();
        List<BlocklistHit> hits = new ArrayList<>();
        for (TermList list : lists) {
            Set<String> seen = new LinkedHashSet<>();
            for (String term : list.terms()) {
                String p = norm.normalize(term).text().strip();
                if (p.isEmpty() || !seen.add(p)) {
                    continue;
                }
                for (int at = s.indexOf(p); at >= 0; at = s.indexOf(p, at + 1)) {
                    int end = at + p.length();
                    boolean startOk = !Blocklist.isLatinWordChar(p.charAt(0)) || at == 0
                            || !Blocklist.isLatinWordChar(s.charAt(at - 1));
                    boolean endOk = !Blocklist.isLatinWordChar(p.charAt(p.length() - 1)) || end == s.length()
                            || !Blocklist.isLatinWordChar(s.charAt(end));
                    if (startOk && endOk) {
                        hits.add(new BlocklistHit(list.name(), list.category(), text.toOriginal(at, end, list.category())));
                    }
                }
            }
        }
        return hits;
    }

    private static List<String> keys(List<BlocklistHit> hits) {
        return hits.stream().sorted(Comparator.comparing(BlocklistHit::toString)).map(BlocklistHit::toString).toList();
    }
}
