package io.inferdeck.safety.report;

/**
 * Precision of the category the filter named when it stopped a text: of the {@code stopped} cases it
 * attributed to {@code category}, {@code sameCategory} carry that category in the suite and {@code harmful}
 * were expected to be stopped at all (any category). Ratios are null when nothing was attributed.
 * CategoryStats' own precision cannot say this: within one harm category every expected-block case is a
 * positive, so a mislabelled stop still counts as a hit there.
 */
public record CategoryPrecision(String category, int stopped, int sameCategory, int harmful, Double precision,
                                Double stopPrecision) {
    public static CategoryPrecision of(String category, int stopped, int sameCategory, int harmful) {
        return new CategoryPrecision(category, stopped, sameCategory, harmful,
                stopped == 0 ? null : (double) sameCategory / stopped, stopped == 0 ? null : (double) harmful / stopped);
    }
}
