package io.inferdeck.safety.report;

import java.util.Locale;

/** Plain-text rendering of a report for the terminal: the per-category table and the key figures. */
public final class ReportText {
    private ReportText() {
    }

    static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    public static String render(SuiteReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Suite %s (%s, %d cases%s)%n", r.suite(), r.mode(), r.overall().count(),
                r.cancelled() ? ", CANCELLED" : ""));
        String fmt = "%-14s %6s %8s %8s %10s %8s %8s%n";
        sb.append(String.format(Locale.ROOT, fmt, "category", "count", "blocked", "allowed", "precision", "recall", "F1"));
        for (CategoryStats c : r.categories()) {
            row(sb, fmt, c);
        }
        row(sb, fmt, r.overall());
        sb.append(String.format(Locale.ROOT, "benign false-positive rate: %s   failed cases: %d   errors: %d%n",
                pct(r.benignFalsePositiveRate()), r.failed(), r.errors()));
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

    private static void row(StringBuilder sb, String fmt, CategoryStats c) {
        sb.append(String.format(Locale.ROOT, fmt, c.category(), c.count(), c.blocked(), c.allowed(), pct(c.precision()),
                pct(c.recall()), pct(c.f1())));
    }

    static String signed(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%+.1f pp", v * 100);
    }
}
