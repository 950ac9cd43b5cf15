package io.inferdeck.safety.report;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.suite.CaseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Confusion counts over a set of cases ("stop" = positive): overall, per suite category, and per category
 * the filter named. The one counting rule behind the whole-suite and the per-language figures.
 */
final class CaseTally {
    private final Map<String, int[]> perCat = new TreeMap<>(); // tp, fp, fn, tn
    private final Map<String, int[]> named = new TreeMap<>();  // stopped, same category, harmful
    private final int[] all = new int[4];

    static CaseTally of(List<CaseResult> cases) {
        CaseTally t = new CaseTally();
        cases.forEach(t::add);
        return t;
    }

    void add(CaseResult c) {
        int k = c.expected() == Decision.BLOCK ? (c.stopped() ? 0 : 2) : (c.stopped() ? 1 : 3);
        perCat.computeIfAbsent(c.category(), x -> new int[4])[k]++;
        all[k]++;
        if (c.stopped() && c.actualCategory() != null) {
            int[] n = named.computeIfAbsent(c.actualCategory(), x -> new int[3]);
            n[0]++;
            n[1] += c.expected() == Decision.BLOCK && c.actualCategory().equals(c.category()) ? 1 : 0;
            n[2] += c.expected() == Decision.BLOCK ? 1 : 0;
        }
    }

    CategoryStats overall() {
        return CategoryStats.of("all", all[0], all[1], all[2], all[3]);
    }

    List<CategoryStats> categories() {
        List<CategoryStats> stats = new ArrayList<>();
        perCat.forEach((cat, a) -> stats.add(CategoryStats.of(cat, a[0], a[1], a[2], a[3])));
        return stats;
    }

    List<CategoryPrecision> attributed() {
        List<CategoryPrecision> out = new ArrayList<>();
        named.forEach((cat, n) -> out.add(CategoryPrecision.of(cat, n[0], n[1], n[2])));
        return out;
    }

    /** Per-language figures, languages in name order; cases without a language count as "unknown". */
    static List<LanguageStats> byLanguage(List<CaseResult> cases) {
        Map<String, List<CaseResult>> groups = new TreeMap<>();
        cases.forEach(c -> groups.computeIfAbsent(c.lang() == null ? "unknown" : c.lang(), x -> new ArrayList<>()).add(c));
        List<LanguageStats> out = new ArrayList<>();
        groups.forEach((lang, cs) -> {
            CaseTally t = of(cs);
            CategoryStats o = t.overall();
            out.add(new LanguageStats(lang, o, o.falsePositiveRate(), t.categories(), t.attributed()));
        });
        return out;
    }
}
