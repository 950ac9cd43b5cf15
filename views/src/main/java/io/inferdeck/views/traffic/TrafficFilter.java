package io.inferdeck.views.traffic;

import io.inferdeck.services.traffic.TrafficEntry;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Which requests the table shows: a status class, one key id, one upstream, and only those slower than a
 * bound (end to end, in ms). An empty part does not filter. Immutable.
 */
public record TrafficFilter(StatusClass status, Optional<String> key, Optional<String> upstream, OptionalDouble slowerThanMs) {
    public static final TrafficFilter NONE = new TrafficFilter(StatusClass.ALL, Optional.empty(), Optional.empty(), OptionalDouble.empty());

    public TrafficFilter {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(slowerThanMs, "slowerThanMs");
    }

    public boolean test(TrafficEntry e) {
        return status.test(e)
                && key.map(k -> k.equals(e.request().keyId())).orElse(true)
                && upstream.map(u -> u.equals(e.request().upstream())).orElse(true)
                && (slowerThanMs.isEmpty() || e.request().e2eMs() > slowerThanMs.getAsDouble());
    }

    public TrafficFilter withStatus(StatusClass s) {
        return new TrafficFilter(s, key, upstream, slowerThanMs);
    }

    public TrafficFilter withKey(Optional<String> k) {
        return new TrafficFilter(status, k, upstream, slowerThanMs);
    }

    public TrafficFilter withUpstream(Optional<String> u) {
        return new TrafficFilter(status, key, u, slowerThanMs);
    }

    public TrafficFilter withSlowerThan(OptionalDouble ms) {
        return new TrafficFilter(status, key, upstream, ms);
    }
}
