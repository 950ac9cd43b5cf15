package io.inferdeck.safety.report;

/**
 * Counts for one category (or "all"): cases, how many were stopped (blocked or held for review) and
 * let through, and the binary confusion counts with "stop" as the positive class. Precision, recall
 * and F1 are null when undefined (no predicted / no expected positives).
 */
public record CategoryStats(String category, int count, int blocked, int allowed, int tp, int fp, int fn, int tn,
                            Double precision, Double recall, Double f1) {
    public static CategoryStats of(String category, int tp, int fp, int fn, int tn) {
        Double p = tp + fp == 0 ? null : (double) tp / (tp + fp);
        Double r = tp + fn == 0 ? null : (double) tp / (tp + fn);
        Double f = p == null || r == null || p + r == 0 ? null : 2 * p * r / (p + r);
        return new CategoryStats(category, tp + fp + fn + tn, tp + fp, fn + tn, tp, fp, fn, tn, p, r, f);
    }

    /** False-positive rate among expected-allow cases, null if there are none. */
    public Double falsePositiveRate() {
        return fp + tn == 0 ? null : (double) fp / (fp + tn);
    }
}
