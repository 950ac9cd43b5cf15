package io.inferdeck.safety;

import java.util.Locale;

/** The stages of the filter pipeline, in the order they run. */
public enum Stage {
    NORMALIZE, BLOCKLIST, PII, CLASSIFIER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
