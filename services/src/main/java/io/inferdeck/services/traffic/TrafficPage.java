package io.inferdeck.services.traffic;

import java.util.List;

/**
 * One answer of {@code GET /inferdeck/requests}: the gateway's ring capacity and the requests it returned,
 * newest first (by finish time). Immutable.
 */
public record TrafficPage(int capacity, List<TrafficEntry> requests) {

    public TrafficPage {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        requests = List.copyOf(requests);
    }
}
