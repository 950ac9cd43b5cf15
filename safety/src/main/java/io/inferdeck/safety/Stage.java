package io.inferdeck.safety;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A filter stage's identity: its stable wire id as written in stage switches, reports and CLI options
 * ("normalize", "blocklist", ...). An open value type, not an enum: a new stage brings its own id and no
 * list here changes. The built-in stages have constants. Immutable; equal ids are the same stage.
 */
public record Stage(String wire) {
    // Ids travel in comma lists, file names and HTML: one plain lower-case token. Declared before the
    // constants, which need it when the class initializes.
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]*");

    public static final Stage NORMALIZE = new Stage("normalize");
    public static final Stage BLOCKLIST = new Stage("blocklist");
    public static final Stage PII = new Stage("pii");
    public static final Stage CLASSIFIER = new Stage("classifier");
    /** The built-in stages' ids, which no plugin may take ({@code SafetyFilters.builtInStages} has these stages). */
    public static final java.util.List<Stage> BUILT_IN = java.util.List.of(NORMALIZE, BLOCKLIST, PII, CLASSIFIER);

    public Stage {
        Objects.requireNonNull(wire, "wire");
        if (!ID.matcher(wire).matches()) {
            throw new IllegalArgumentException("bad stage id '" + wire
                    + "': use lower-case letters, digits, '_' or '-', starting with a letter");
        }
    }

    /** Trims and lower-cases, so "PII" and " pii " name one stage. Does not check that such a stage exists. */
    public static Stage parse(String s) {
        return new Stage(s.trim().toLowerCase(Locale.ROOT));
    }

    /** The upper-case id, as the enum this type replaced printed it (verdict labels on the Safety page show it). */
    @Override
    public String toString() {
        return wire.toUpperCase(Locale.ROOT);
    }
}
