package io.inferdeck.control.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's upstreams and the routing rule. Thread-safe (the list is immutable, upstreams are). */
public final class UpstreamPool {
    private final List<Upstream> upstreams;
    private final AtomicInteger turn = new AtomicInteger();

    public UpstreamPool(List<Upstream> upstreams) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("a gateway needs at least one upstream");
        }
        this.upstreams = List.copyOf(upstreams);
    }

    public List<Upstream> all() {
        return upstreams;
    }

    /**
     * The healthy upstream with the fewest requests in flight, skipping {@code tried}; ties rotate so idle
     * upstreams share sequential traffic. Empty when none may take a request.
     */
    public Optional<Upstream> pick(Collection<Upstream> tried) {
        int n = upstreams.size();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        Upstream best = null;
        for (int i = 0; i < n; i++) {
            Upstream u = upstreams.get((start + i) % n);
            if (!tried.contains(u) && u.healthy() && (best == null || u.inFlight() < best.inFlight())) {
                best = u;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a request that found no healthy upstream should wait: one is on its way back. */
    public boolean anyComingBack() {
        return upstreams.stream().anyMatch(Upstream::comingBack);
    }

    public long healthyCount() {
        return upstreams.stream().filter(Upstream::healthy).count();
    }
}
