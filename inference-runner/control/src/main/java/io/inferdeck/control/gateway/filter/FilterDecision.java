package io.inferdeck.control.gateway.filter;

import java.util.Locale;

/** What live filtering did with a request or a reply, least to most severe. */
public enum FilterDecision {
    /** Nothing to change. */
    PASS,
    /** Passed with personal data masked. */
    MASKED,
    /** Passed on, and queued for a human to review. */
    REVIEW,
    /** Refused until a human has reviewed it (the profile's {@code review: hold}); queued. */
    HOLD,
    /** Refused (a request) or cut off (a reply); queued for review. */
    BLOCK;

    /** The label in metrics and logs: pass, masked, review, held, blocked. */
    public String label() {
        return switch (this) {
            case HOLD -> "held";
            case BLOCK -> "blocked";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    public static FilterDecision mostSevere(FilterDecision a, FilterDecision b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
