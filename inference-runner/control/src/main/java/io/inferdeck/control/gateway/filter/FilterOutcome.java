package io.inferdeck.control.gateway.filter;

import java.util.Objects;

/**
 * One live filtering decision and why: the stage that decided ({@code none} when nothing did), its reason (a
 * rule such as {@code blocklist:weapons.txt} or a score) and an excerpt of the judged text for logs. The
 * excerpt is PII-masked and never the raw text, so the whole record may be logged. Immutable.
 */
public record FilterOutcome(FilterDecision decision, String stage, String reason, String excerpt) {
    public static final FilterOutcome PASS = new FilterOutcome(FilterDecision.PASS, "none", "", "");

    public FilterOutcome {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(excerpt, "excerpt");
    }

    /** The more severe of the two (this one on a tie). */
    public FilterOutcome orWorse(FilterOutcome other) {
        return other.decision.ordinal() > decision.ordinal() ? other : this;
    }
}
