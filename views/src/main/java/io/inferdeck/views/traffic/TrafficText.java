package io.inferdeck.views.traffic;

import io.inferdeck.control.gateway.RequestRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalDouble;

/** How the Traffic page writes times, durations and tokens. Stateless apart from the zone it was made for. */
final class TrafficText {
    /** Shown where a figure does not exist (no token streamed), never a 0. */
    static final String NOT_AVAILABLE = "—";

    private final DateTimeFormatter time;

    TrafficText(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
    }

    String time(Instant at) {
        return time.format(at);
    }

    /** Milliseconds: one decimal below 100 ms, whole above. */
    static String ms(double ms) {
        return ms < 100 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%,.0f", ms);
    }

    static String ms(OptionalDouble ms) {
        return ms.isPresent() ? ms(ms.getAsDouble()) : NOT_AVAILABLE;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Tokens with a mark when the gateway counted them itself (the engine sent no usage). */
    static String tokens(long n, boolean estimated) {
        return count(n) + (estimated ? " ~" : "");
    }

    /** {@code none} is the gateway's word for "not applicable": shown as a dash. */
    static String label(String value) {
        return RequestRecord.NONE.equals(value) ? NOT_AVAILABLE : value;
    }
}
