package io.inferdeck.safety.report;

import java.util.List;

/**
 * The figures of one language's cases ({@code en}, {@code zh}, {@code mixed}, …): overall confusion counts
 * ("stop" positive), the benign false-positive rate, per-category stats and per-category precision of the
 * category the filter named. Immutable; a plain record so Jackson can write and read it.
 */
public record LanguageStats(String lang, CategoryStats overall, Double benignFalsePositiveRate,
                            List<CategoryStats> categories, List<CategoryPrecision> attributed) {
    public LanguageStats {
        categories = List.copyOf(categories);
        attributed = List.copyOf(attributed);
    }
}
