package io.inferdeck.tuning.load;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses CLI durations: "500ms", "30s", "2m", "1h", or a bare number of seconds ("1.5"). */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 30s, 2m)");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanosPerUnit = switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        double nanos = value * nanosPerUnit;
        if (nanos > 7 * 24 * 3600e9) {
            throw new IllegalArgumentException("'" + text + "' is longer than a week");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** "1.5 s", "250 ms", "2.0 min" — for reports. */
    public static String format(Duration d) {
        double s = d.toNanos() / 1e9;
        if (s < 1) return String.format(Locale.ROOT, "%.0f ms", s * 1000);
        if (s < 120) return String.format(Locale.ROOT, "%.1f s", s);
        return String.format(Locale.ROOT, "%.1f min", s / 60);
    }
}
