package io.inferdeck.safety;

/**
 * What the filter does with a text. Ordered by severity: when several stages speak, the most severe
 * decision wins ({@link #mostSevere}). {@link #REVIEW} holds the text for a human; it is not passed on.
 */
public enum Decision {
    ALLOW, REDACT, REVIEW, BLOCK;

    /** True when the text does not reach the model (or the user) without a human's say-so. */
    public boolean stops() {
        return this == REVIEW || this == BLOCK;
    }

    public static Decision mostSevere(Decision a, Decision b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Decision parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
