package io.inferdeck.services.traffic;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the Traffic page shows, published on {@link TrafficFeed#SNAPSHOTS}. Immutable.
 *
 * @param source   the deployment whose gateway is read ("default · builtin at http://127.0.0.1:8080");
 *                 empty when no deployment is running
 * @param capacity the gateway's ring size; empty until its log was read once
 * @param requests the newest requests read so far, newest first (kept while the log is briefly unreadable)
 * @param problem  why the last read failed, written for the operator; empty when it worked
 */
public record TrafficSnapshot(Optional<String> source, OptionalInt capacity, List<TrafficEntry> requests,
                              Optional<String> problem) {

    public static final TrafficSnapshot NO_DEPLOYMENT =
            new TrafficSnapshot(Optional.empty(), OptionalInt.empty(), List.of(), Optional.empty());

    public TrafficSnapshot {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(problem, "problem");
        requests = List.copyOf(requests);
    }
}
