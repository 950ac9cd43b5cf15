package io.inferdeck.common.prom;

import java.util.Locale;

/** A family's {@code # TYPE}. OpenMetrics-only types we do not interpret read as UNTYPED. */
public enum PromType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED;

    static PromType parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "counter" -> COUNTER;
            case "gauge" -> GAUGE;
            case "histogram" -> HISTOGRAM;
            case "summary" -> SUMMARY;
            default -> UNTYPED; // untyped, unknown, gaugehistogram, info, stateset
        };
    }
}
