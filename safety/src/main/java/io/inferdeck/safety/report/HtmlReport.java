package io.inferdeck.safety.report;

import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.safety.suite.CaseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline CSS and SVG, no scripts, no external resources): summary,
 * per-category table, per-language tables (when the suite mixes languages), recall bar chart, precision–recall curves per category
 * and language ({@link PrPlot}), confusion matrices, latency, diff and every case with
 * its (PII-masked) prompt. All text is HTML-escaped.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static void write(SuiteReport r, Path file) throws IOException {
        AtomicFiles.writeString(file, render(r));
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    public static String render(SuiteReport r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Safety report: ")
                .append(esc(r.suite())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#1b1f24}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccd;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
                .append("th{background:#eef}.fail{background:#fde2e1}.ok{background:#e6f6e6}.mono{font-family:monospace;text-align:left}")
                .append("</style></head><body>");
        h.append("<h1>Safety suite ").append(esc(r.suite())).append("</h1><p>").append(esc(r.mode())).append(", started ")
                .append(esc(r.startedAt())).append(r.engine() == null ? "" : ", engine " + esc(r.engine()))
                .append(r.cancelled() ? ", <b>cancelled</b>" : "").append("<br>Fingerprint: ")
                .append(esc(r.fingerprint().describe())).append("<br>Suite SHA-256: ").append(esc(r.suiteSha256())).append("</p>");
        h.append(String.format(Locale.ROOT, "<p>Benign false-positive rate: <b>%s</b>; failed cases: <b>%d</b>; errors: %d;"
                + " %.0f cases/s</p>", ReportText.pct(r.benignFalsePositiveRate()), r.failed(), r.errors(), r.casesPerSecond()));
        h.append("<h2>Per category</h2><table><tr><th>category</th><th>count</th><th>blocked</th><th>allowed</th>")
                .append("<th>precision</th><th>recall</th><th>F1</th></tr>");
        for (CategoryStats c : r.categories()) {
            statsRow(h, c);
        }
        statsRow(h, r.overall());
        h.append("</table>");
        if (r.languages().size() > 1) {
            h.append("<h2>Per language</h2><table><tr><th>language</th><th>cases</th><th>recall</th><th>precision</th>")
                    .append("<th>benign FPR</th></tr>");
            for (LanguageStats l : r.languages()) {
                h.append("<tr><td>").append(esc(l.lang())).append("</td><td>").append(l.overall().count()).append("</td><td>")
                        .append(ReportText.pct(l.overall().recall())).append("</td><td>")
                        .append(ReportText.pct(l.overall().precision())).append("</td><td>")
                        .append(ReportText.pct(l.benignFalsePositiveRate())).append("</td></tr>");
            }
            h.append("</table>");
            for (LanguageStats l : r.languages()) {
                h.append("<h3>").append(esc(l.lang())).append(": per category</h3><table><tr><th>category</th><th>count</th>")
                        .append("<th>blocked</th><th>allowed</th><th>precision</th><th>recall</th><th>F1</th></tr>");
                l.categories().forEach(c -> statsRow(h, c));
                h.append("</table>");
            }
        }
        chart(h, r);
        PrPlot.section(h, PrCurves.of(r.cases()));
        matrix(h, "Decisions (expected × actual)", r.decisionMatrix());
        matrix(h, "Categories (expected × stopped by)", r.categoryMatrix());
        h.append("<h2>Latency per stage</h2><table><tr><th>stage</th><th>n</th><th>p50 ms</th><th>p99 ms</th><th>max ms</th></tr>");
        for (LatencyStats l : r.latency()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>",
                    esc(l.stage()), l.count(), l.p50Ms(), l.p99Ms(), l.maxMs()));
        }
        h.append("</table>");
        if (r.diff() != null) {
            h.append("<h2>Against the previous run</h2><p>Previous: ").append(esc(r.diff().previousStartedAt()))
                    .append("; recall ").append(ReportText.signed(r.diff().recallDelta())).append("; benign FPR ")
                    .append(ReportText.signed(r.diff().fprDelta())).append("<br>Newly failing: ")
                    .append(esc(String.valueOf(r.diff().newlyFailing()))).append("<br>Newly passing: ")
                    .append(esc(String.valueOf(r.diff().newlyPassing()))).append("</p>");
        }
        if (!r.problems().isEmpty()) {
            h.append("<h2>Suite problems</h2><ul>");
            r.problems().forEach(p -> h.append("<li>").append(esc(p)).append("</li>"));
            h.append("</ul>");
        }
        h.append("<h2>Cases</h2><table><tr><th>id</th><th>category</th><th>expected</th><th>actual</th><th>stage</th>")
                .append("<th>reason</th><th>prompt (PII masked)</th></tr>");
        for (CaseResult c : r.cases()) {
            h.append("<tr class=\"").append(c.passed() ? "ok" : "fail").append("\"><td>").append(esc(c.id())).append("</td><td>")
                    .append(esc(c.category())).append("</td><td>").append(c.expected().wire()).append("</td><td>")
                    .append(c.actual().wire()).append("</td><td>").append(esc(c.stage())).append("</td><td>")
                    .append(esc(c.error() != null ? c.error() : c.reason())).append("</td><td class=\"mono\">")
                    .append(esc(c.safePrompt())).append("</td></tr>");
        }
        return h.append("</table></body></html>\n").toString();
    }

    private static void statsRow(StringBuilder h, CategoryStats c) {
        h.append("<tr><td>").append(esc(c.category())).append("</td><td>").append(c.count()).append("</td><td>")
                .append(c.blocked()).append("</td><td>").append(c.allowed()).append("</td><td>")
                .append(ReportText.pct(c.precision())).append("</td><td>").append(ReportText.pct(c.recall()))
                .append("</td><td>").append(ReportText.pct(c.f1())).append("</td></tr>");
    }

    private static void chart(StringBuilder h, SuiteReport r) {
        int rowH = 22;
        int height = rowH * r.categories().size() + 10;
        h.append("<h2>Recall per category</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"")
                .append(height).append("\" role=\"img\">");
        int y = 5;
        for (CategoryStats c : r.categories()) {
            double v = c.recall() == null ? 0 : c.recall();
            h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>", y + 14, esc(c.category())))
                    .append(String.format(Locale.ROOT, "<rect x=\"120\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#4a7fd4\"/>",
                            y, v * 380))
                    .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>", 126 + v * 380,
                            y + 13, ReportText.pct(c.recall())));
            y += rowH;
        }
        h.append("</svg>");
    }

    private static void matrix(StringBuilder h, String title, Map<String, Map<String, Integer>> m) {
        java.util.TreeSet<String> cols = new java.util.TreeSet<>();
        m.values().forEach(row -> cols.addAll(row.keySet()));
        h.append("<h2>").append(esc(title)).append("</h2><table><tr><th></th>");
        cols.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>");
        m.forEach((k, row) -> {
            h.append("<tr><td>").append(esc(k)).append("</td>");
            cols.forEach(c -> h.append("<td>").append(row.getOrDefault(c, 0)).append("</td>"));
            h.append("</tr>");
        });
        h.append("</table>");
    }
}
