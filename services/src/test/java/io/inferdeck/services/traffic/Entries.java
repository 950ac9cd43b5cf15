package io.inferdeck.services.traffic;

import io.inferdeck.control.gateway.RequestRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/** Request-log entries for tests: {@code at(s)} finished {@code s} seconds after a fixed instant. */
final class Entries {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private Entries() {
    }

    static TrafficEntry at(double seconds) {
        return at(seconds, "replica-0");
    }

    static TrafficEntry at(double seconds, String upstream) {
        return TrafficEntry.of(new RequestRecord(T0.plusNanos((long) (seconds * 1e9)), "/v1/chat/completions", "none",
                upstream, "m1", 200, RequestRecord.Outcome.OK, 1, OptionalDouble.of(20), 100, 5, 7, false, false, "none", java.util.Optional.empty(), java.util.Optional.empty()));
    }

    /** A page of the given entries as passed (the gateway sends newest first). */
    static TrafficPage page(int capacity, TrafficEntry... entries) {
        return new TrafficPage(capacity, Arrays.asList(entries));
    }

    static List<TrafficEntry> list(TrafficEntry... entries) {
        return List.of(entries);
    }
}
