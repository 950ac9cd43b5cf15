package io.inferdeck.safety.blocklist;

import java.util.List;

/**
 * One named list of blocked terms, all of one category (e.g. {@code weapons}). Terms are kept as
 * written; {@link Blocklist} normalizes them the same way it normalizes texts.
 */
public record TermList(String name, String category, List<String> terms) {
    public TermList {
        if (name == null || name.isBlank() || category == null || category.isBlank()) {
            throw new IllegalArgumentException("a term list needs a name and a category");
        }
        terms = List.copyOf(terms);
    }
}
