package io.inferdeck.safety.report;

import java.util.Locale;

/**
 * Plain-text rendering of a report for the terminal: the suite's hash, the per-category table, the key figures
 * and, when the suite mixes languages, the per-language table.
 */
public final class ReportText {
    private ReportText() {
    }

    static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    public static String render(SuiteReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Suite %s (%s, %d cases%s)%nsuite SHA-256: %s%n", r.suite(), r.mode(),
                r.overall().count(), r.cancelled() ? ", CANCELLED" : "", r.suiteSha256()));
        String fmt = "%-14s %6s %8s %8s %10s %8s %8s%n";
        sb.append(String.format(Locale.ROOT, fmt, "category", "count", "blocked", "allowed", "precision", "recall", "F1"));
        for (CategoryStats c : r.categories()) {
            row(sb, fmt, c);
        }
        row(sb, fmt, r.overall());
        sb.append(String.format(Locale.ROOT, "benign false-positive rate: %s   failed cases: %d   errors: %d%n",
                pct(r.benignFalsePositiveRate()), r.failed(), r.errors()));
        if (!r.attributed().isEmpty()) {
            sb.append("precision of the category named:");
            r.attributed().forEach(a -> sb.append(' ').append(a.category()).append(' ').append(pct(a.precision())));
            sb.append('\n');
        }
        if (r.languages().size() > 1) {
            languages(sb, r);
        }
        sb.append("latency per stage (ms):");
        for (LatencyStats l : r.latency()) {
            sb.append(String.format(Locale.ROOT, "  %s p50 %.3f p99 %.3f;", l.stage(), l.p50Ms(), l.p99Ms()));
        }
        sb.append(String.format(Locale.ROOT, "%nthroughput: %.0f cases/s%n", r.casesPerSecond()));
        sb.append("fingerprint: ").append(r.fingerprint().describe()).append('\n');
        if (r.diff() != null) {
            RunDiff d = r.diff();
            sb.append(String.format(Locale.ROOT, "vs previous run %s: recall %s, benign FPR %s, newly failing %s,"
                            + " newly passing %s%s%n", d.previousStartedAt(), signed(d.recallDelta()), signed(d.fprDelta()),
                    d.newlyFailing(), d.newlyPassing(), d.fingerprintChanged() ? " (fingerprint changed)" : ""));
        }
        for (String p : r.problems()) {
            sb.append("suite problem: ").append(p).append('\n');
        }
        return sb.toString();
    }

    /** Per language: recall and precision per category, and the language's benign false-positive rate. */
    private static void languages(StringBuilder sb, SuiteReport r) {
        sb.append("per language (recall / precision of the category named):\n");
        sb.append(String.format(Locale.ROOT, "%-14s", "category"));
        r.languages().forEach(l -> sb.append(String.format(Locale.ROOT, " %20s", l.lang() + " (" + l.overall().count() + ")")));
        sb.append('\n');
        java.util.TreeSet<String> cats = new java.util.TreeSet<>();
        r.languages().forEach(l -> l.categories().forEach(c -> cats.add(c.category())));
        for (String cat : cats) {
            sb.append(String.format(Locale.ROOT, "%-14s", cat));
            for (LanguageStats l : r.languages()) {
                Double rec = l.categories().stream().filter(c -> c.category().equals(cat)).findFirst()
                        .map(CategoryStats::recall).orElse(null);
                Double prec = l.attributed().stream().filter(a -> a.category().equals(cat)).findFirst()
                        .map(CategoryPrecision::precision).orElse(null);
                sb.append(String.format(Locale.ROOT, " %20s", pct(rec) + " / " + pct(prec)));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%-14s", "all (recall)"));
        r.languages().forEach(l -> sb.append(String.format(Locale.ROOT, " %20s", pct(l.overall().recall()))));
        sb.append(String.format(Locale.ROOT, "%n%-14s", "benign FPR"));
        r.languages().forEach(l -> sb.append(String.format(Locale.ROOT, " %20s", pct(l.benignFalsePositiveRate()))));
        sb.append('\n');
    }

    private static void row(StringBuilder sb, String fmt, CategoryStats c) {
        sb.append(String.format(Locale.ROOT, fmt, c.category(), c.count(), c.blocked(), c.allowed(), pct(c.precision()),
                pct(c.recall()), pct(c.f1())));
    }

    static String signed(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%+.1f pp", v * 100);
    }
}
