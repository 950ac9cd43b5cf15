package io.inferdeck.app.cli;

import io.inferdeck.control.gateway.RequestRecord;
import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.services.traffic.TrafficJson;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How {@code inferdeck traffic} prints a request: a fixed-width table row (times in the local zone, ms, "-" for
 * a figure that does not exist, "~" after token counts the gateway estimated) or one JSON object per line in the
 * gateway's own field names. Stateless apart from the zone.
 */
final class TrafficLines {
    private static final String ROW = "%-12s %6s %-8s %-12s %-12s %-18s %9s %9s %9s %9s %9s %-5s %-8s %s";

    private final DateTimeFormatter time;
    private final boolean json;

    TrafficLines(ZoneId zone, boolean json) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
        this.json = json;
    }

    /** The header row, or nothing for JSON lines. */
    String header() {
        return json ? null : String.format(Locale.ROOT, ROW, "time", "status", "outcome", "key", "upstream", "model",
                "queue_ms", "ttft_ms", "e2e_ms", "tok_in", "tok_out", "cache", "safety", "path");
    }

    String line(TrafficEntry e) {
        if (json) {
            return TrafficJson.line(e);
        }
        RequestRecord r = e.request();
        String est = r.estimated() ? "~" : "";
        return String.format(Locale.ROOT, ROW, time.format(r.at()), r.status(), r.outcome().label(), r.keyId(),
                r.upstream(), r.model(), ms(r.queueMs()), r.ttftMs().isPresent() ? ms(r.ttftMs().getAsDouble()) : "-",
                ms(r.e2eMs()), r.tokensIn() + est, r.tokensOut() + est, r.cacheHit() ? "hit" : "-", r.safety(), r.path());
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
