package io.inferdeck.safety.report;

import java.util.List;

/**
 * The classifier's precision–recall trade-off for one category within one language: at each threshold, the
 * harmful cases of the category whose head score reaches it (recall) against the benign cases of the language
 * whose score for that head reaches it (false positives). Precision counts only those benign false positives,
 * not other categories' harmful cases. {@code operating} is the filter as run (stopped = blocked or held for
 * review, by any stage): recall over the category's cases, false positives = benign cases stopped under this
 * category. Immutable.
 *
 * @param positives harmful cases of the category (the recall denominator)
 * @param benign    benign cases of the language (the false-positive-rate denominator)
 * @param points    by ascending threshold; recall never rises along them
 */
public record PrCurve(String category, String lang, int positives, int benign, List<Point> points, Point operating) {
    public PrCurve {
        points = List.copyOf(points);
    }

    /**
     * One threshold's figures; {@code precision} is null when nothing reaches the threshold, {@code fpr} when the
     * language has no benign case. {@code threshold} is NaN for the operating point (the pipeline, not one head).
     */
    public record Point(double threshold, int tp, int fp, Double precision, double recall, Double fpr) {
        static Point of(double threshold, int tp, int fp, int positives, int benign) {
            return new Point(threshold, tp, fp, tp + fp == 0 ? null : (double) tp / (tp + fp),
                    positives == 0 ? 0 : (double) tp / positives, benign == 0 ? null : (double) fp / benign);
        }
    }
}
