package io.inferdeck.safety.report;

import java.util.List;
import java.util.Locale;

/**
 * The HTML report's precision–recall section: per (category, language) an inline SVG plot (recall across,
 * precision up, one polyline over the threshold grid, the filter's operating point as a ring) captioned with
 * its sample counts, then a table of the figures at thresholds 0.1 … 0.9 and at the operating point. Plain
 * SVG written here: no script, nothing loaded from elsewhere.
 */
final class PrPlot {
    private static final int W = 240;
    private static final int H = 200;
    private static final int PAD = 32;

    private PrPlot() {
    }

    static void section(StringBuilder h, List<PrCurve> curves) {
        if (curves.isEmpty()) {
            return;
        }
        h.append("<h2>Precision–recall per category and language</h2><p>Classifier head scores on this suite; ")
                .append("false positives are benign cases of the same language; the ring is the filter as run ")
                .append("(every stage; review counts as stopped).</p><div>");
        curves.forEach(c -> plot(h, c));
        h.append("</div><table><tr><th>category</th><th>language</th><th>harmful n</th><th>benign n</th>")
                .append("<th>threshold</th><th>precision</th><th>recall</th><th>benign FPR</th></tr>");
        for (PrCurve c : curves) {
            for (int i = 4; i < c.points().size(); i += 5) {
                row(h, c, String.format(Locale.ROOT, "%.2f", c.points().get(i).threshold()), c.points().get(i));
            }
            row(h, c, "as run", c.operating());
        }
        h.append("</table>");
    }

    private static void plot(StringBuilder h, PrCurve c) {
        h.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pr-curve\" "
                + "data-category=\"%s\" data-lang=\"%s\" width=\"%d\" height=\"%d\" role=\"img\">",
                HtmlReport.esc(c.category()), HtmlReport.esc(c.lang()), W, H + 20));
        h.append(String.format(Locale.ROOT, "<title>%s (%s): precision against recall</title>",
                HtmlReport.esc(c.category()), HtmlReport.esc(c.lang())));
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#889\"/>",
                PAD, W - PAD - 8, H - PAD - 8));
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">recall →</text>", W / 2 - 10, H - 12));
        h.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"16\" font-size=\"10\">P 1</text><text x=\"2\" y=\"%d\" "
                + "font-size=\"10\">P 0</text>", H - PAD));
        StringBuilder pts = new StringBuilder();
        for (PrCurve.Point p : c.points()) {
            if (p.precision() != null) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.recall()), y(p.precision())));
            }
        }
        h.append("<polyline fill=\"none\" stroke=\"#4a7fd4\" stroke-width=\"1.5\" points=\"")
                .append(pts.toString().strip()).append("\"/>");
        PrCurve.Point op = c.operating();
        if (op.precision() != null) {
            h.append(String.format(Locale.ROOT, "<circle class=\"operating-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
                    + "fill=\"none\" stroke=\"#d43f3a\" stroke-width=\"2\"/>", x(op.recall()), y(op.precision())));
        }
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s · %s · n=%d harmful, %d benign</text>",
                4, H + 14, HtmlReport.esc(c.category()), HtmlReport.esc(c.lang()), c.positives(), c.benign()));
        h.append("</svg>");
    }

    private static void row(StringBuilder h, PrCurve c, String threshold, PrCurve.Point p) {
        h.append("<tr><td>").append(HtmlReport.esc(c.category())).append("</td><td>").append(HtmlReport.esc(c.lang()))
                .append("</td><td>").append(c.positives()).append("</td><td>").append(c.benign()).append("</td><td>")
                .append(threshold).append("</td><td>").append(ReportText.pct(p.precision())).append("</td><td>")
                .append(ReportText.pct(p.recall())).append("</td><td>").append(ReportText.pct(p.fpr())).append("</td></tr>");
    }

    private static double x(double recall) {
        return PAD + recall * (W - PAD - 8);
    }

    private static double y(double precision) {
        return 8 + (1 - precision) * (H - PAD - 8);
    }
}
