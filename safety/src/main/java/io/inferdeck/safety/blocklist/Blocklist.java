package io.inferdeck.safety.blocklist;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.normalize.NormalizedText;
import io.inferdeck.safety.normalize.Normalizer;
import io.inferdeck.safety.normalize.NormalizerOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Term lists compiled into one {@link CompactAhoCorasick}. Terms are normalized like texts (so
 * "Ｂｏｍｂ" and "bomb" are one term). Matching is by substring for CJK and whole-word at Latin edges:
 * a term starting (ending) with a Latin letter or digit only matches when the text char before (after)
 * it is not one. Immutable and thread-safe once built.
 */
public final class Blocklist {
    private final CompactAhoCorasick automaton;
    private final String[] listOf;
    private final String[] categoryOf;
    private final boolean[] wordStart;
    private final boolean[] wordEnd;
    private final int lists;

    private Blocklist(CompactAhoCorasick automaton, String[] listOf, String[] categoryOf, boolean[] wordStart,
                      boolean[] wordEnd, int lists) {
        this.automaton = automaton;
        this.listOf = listOf;
        this.categoryOf = categoryOf;
        this.wordStart = wordStart;
        this.wordEnd = wordEnd;
        this.lists = lists;
    }

    public static Blocklist build(List<TermList> termLists) {
        Normalizer norm = new Normalizer(NormalizerOptions.LEXICAL);
        List<String> patterns = new ArrayList<>();
        List<String> list = new ArrayList<>();
        List<String> cat = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>(); // same term + category twice counts once
        for (TermList tl : termLists) {
            for (String term : tl.terms()) {
                String t = norm.normalize(term).text().strip();
                if (!t.isEmpty() && seen.putIfAbsent(t + '\u0000' + tl.category(), patterns.size()) == null) {
                    patterns.add(t);
                    list.add(tl.name());
                    cat.add(tl.category());
                }
            }
        }
        boolean[] ws = new boolean[patterns.size()];
        boolean[] we = new boolean[patterns.size()];
        for (int i = 0; i < ws.length; i++) {
            String p = patterns.get(i);
            ws[i] = isLatinWordChar(p.charAt(0));
            we[i] = isLatinWordChar(p.charAt(p.length() - 1));
        }
        return new Blocklist(CompactAhoCorasick.build(patterns), list.toArray(String[]::new),
                cat.toArray(String[]::new), ws, we, termLists.size());
    }

    static boolean isLatinWordChar(char c) {
        return c < 0x250 && Character.isLetterOrDigit(c);
    }

    public int termCount() {
        return listOf.length;
    }

    public int listCount() {
        return lists;
    }

    public CompactAhoCorasick automaton() {
        return automaton;
    }

    /** All hits in a normalized text, in text order, spans mapped to the original. */
    public List<BlocklistHit> find(NormalizedText text) {
        return text.readChars((chars, length) -> {
            List<BlocklistHit> hits = new ArrayList<>();
            automaton.scan(chars, length, (p, end) -> addHit(text, chars, length, p, end, hits));
            return sorted(hits);
        });
    }

    // Whole-word rule at Latin edges; the span maps back to the original.
    private void addHit(NormalizedText text, char[] chars, int length, int p, int end, List<BlocklistHit> hits) {
        int start = end - automaton.patternLength(p);
        if (wordStart[p] && start > 0 && isLatinWordChar(chars[start - 1])) {
            return;
        }
        if (wordEnd[p] && end < length && isLatinWordChar(chars[end])) {
            return;
        }
        hits.add(new BlocklistHit(listOf[p], categoryOf[p], text.toOriginal(start, end, categoryOf[p])));
    }

    private static List<BlocklistHit> sorted(List<BlocklistHit> hits) {
        hits.sort(java.util.Comparator.comparingInt((BlocklistHit h) -> h.span().start())
                .thenComparingInt(h -> -h.span().length()));
        return hits;
    }

    /** BLOCK with the first hit's category and list as rule (all hits as spans), or ALLOW. */
    public Verdict check(NormalizedText text) {
        List<BlocklistHit> hits = find(text);
        if (hits.isEmpty()) {
            return Verdict.allow(Stage.BLOCKLIST);
        }
        BlocklistHit first = hits.getFirst();
        List<Span> spans = hits.stream().map(BlocklistHit::span).toList();
        return Verdict.byRule(Decision.BLOCK, Stage.BLOCKLIST, "blocklist:" + first.list(), first.category(), spans);
    }
}
