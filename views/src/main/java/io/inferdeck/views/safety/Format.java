package io.inferdeck.views.safety;

import java.util.Locale;

/** Number formats of the Safety page; an undefined ratio (no cases to divide by) reads "n/a", never 0. */
final class Format {
    private Format() {
    }

    static String ratio(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
