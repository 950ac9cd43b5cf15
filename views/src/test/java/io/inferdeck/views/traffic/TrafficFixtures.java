package io.inferdeck.views.traffic;

import io.inferdeck.control.gateway.RequestRecord;
import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.services.traffic.TrafficSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Request-log entries and snapshots as the feed publishes them, for the Traffic page's tests. */
final class TrafficFixtures {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final String SOURCE = "default · builtin at http://127.0.0.1:18080";

    private TrafficFixtures() {
    }

    /** A streamed chat that finished {@code second} s after T0. */
    static TrafficEntry ok(int second, String key, String upstream, double e2eMs) {
        return TrafficEntry.of(new RequestRecord(T0.plusSeconds(second), "/v1/chat/completions", key, upstream, "tiny-q4",
                200, RequestRecord.Outcome.OK, 2, OptionalDouble.of(e2eMs / 4), e2eMs, 24, 48, false, false, "pass", java.util.Optional.empty(), java.util.Optional.empty()));
    }

    static TrafficEntry withStatus(int second, int status, RequestRecord.Outcome outcome) {
        return TrafficEntry.of(new RequestRecord(T0.plusSeconds(second), "/v1/chat/completions", "none",
                status == 401 || status == 503 ? RequestRecord.NONE : "replica-0", "tiny-q4", status, outcome, 0,
                OptionalDouble.empty(), 3, 0, 0, true, false, RequestRecord.NONE, java.util.Optional.empty(), java.util.Optional.empty()));
    }

    /** A snapshot of the given entries (pass them newest first, as the feed does). */
    static TrafficSnapshot snapshot(TrafficEntry... newestFirst) {
        return new TrafficSnapshot(Optional.of(SOURCE), OptionalInt.of(2000), List.of(newestFirst), Optional.empty());
    }

    /** Seven requests over two keys and two upstreams: 200s (one slow), a 401, a 503 and a 502 upstream error. */
    static TrafficSnapshot mixed() {
        return snapshot(
                withStatus(7, 502, RequestRecord.Outcome.ERROR),
                withStatus(6, 503, RequestRecord.Outcome.REJECTED),
                withStatus(5, 401, RequestRecord.Outcome.REJECTED),
                ok(4, "team-b", "replica-1", 2400),
                ok(3, "team-a", "replica-0", 180),
                ok(2, "team-b", "replica-0", 95),
                ok(1, "team-a", "replica-1", 120));
    }
}
