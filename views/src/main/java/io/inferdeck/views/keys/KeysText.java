package io.inferdeck.views.keys;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyLimits;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** How the Keys page writes keys, limits and counts. Immutable. */
final class KeysText {
    static final String UNLIMITED = "unlimited";
    private final DateTimeFormatter time;
    private final DateTimeFormatter day;

    /** @param zone in which creation and revocation times are shown */
    KeysText(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
        this.day = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(zone);
    }

    String time(Instant at) {
        return time.format(at);
    }

    String status(ApiKey k) {
        return k.revoked().map(at -> "revoked " + day.format(at)).orElse("active");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String limit(OptionalInt v) {
        return v.isPresent() ? count(v.getAsInt()) : UNLIMITED;
    }

    static String limit(OptionalLong v) {
        return v.isPresent() ? count(v.getAsLong()) : UNLIMITED;
    }

    /** "60 req/min · 20,000 tok/min · 4 at once", or "no limits". */
    static String limits(KeyLimits l) {
        StringBuilder b = new StringBuilder();
        l.requestsPerMinute().ifPresent(v -> b.append(count(v)).append(" req/min"));
        l.tokensPerMinute().ifPresent(v -> b.append(b.isEmpty() ? "" : " · ").append(count(v)).append(" tok/min"));
        l.concurrency().ifPresent(v -> b.append(b.isEmpty() ? "" : " · ").append(count(v)).append(" at once"));
        return b.isEmpty() ? "no limits" : b.toString();
    }
}
