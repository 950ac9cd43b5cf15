package io.inferdeck.services.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The newest requests a client has read from one gateway, at most {@code capacity} (the gateway's own ring
 * size), newest first by finish time. Immutable: {@link #merge} returns a new window. Pages overlap (each
 * poll asks for the newest N again) and the gateway may add a request whose finish time is a little older
 * than one it added just before (two request threads racing), so entries are merged by identity (see
 * {@link TrafficEntry}) and re-sorted by time, never appended by position.
 */
public final class TrafficWindow {
    private static final Comparator<TrafficEntry> NEWEST_FIRST =
            Comparator.comparing((TrafficEntry e) -> e.request().at()).reversed();

    private final int capacity;
    private final List<TrafficEntry> requests;
    private final Set<TrafficEntry> known;

    private TrafficWindow(int capacity, List<TrafficEntry> requests) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.requests = List.copyOf(requests);
        this.known = new HashSet<>(requests);
    }

    public static TrafficWindow empty(int capacity) {
        return new TrafficWindow(capacity, List.of());
    }

    /** What a merge changed: the new window (this one when nothing did) and the requests it added, newest first. */
    public record Merged(TrafficWindow window, List<TrafficEntry> added) {
        public Merged {
            added = List.copyOf(added);
        }
    }

    /**
     * Adds the page's requests this window has not seen, keeps the newest {@code page.capacity()} (the
     * gateway's capacity may have changed with a restart) and reports which of the added ones were kept.
     */
    public Merged merge(TrafficPage page) {
        List<TrafficEntry> added = new ArrayList<>();
        Set<TrafficEntry> seen = new HashSet<>();
        for (TrafficEntry e : page.requests()) {
            if (!known.contains(e) && seen.add(e)) {
                added.add(e);
            }
        }
        if (added.isEmpty() && page.capacity() == capacity) {
            return new Merged(this, List.of());
        }
        List<TrafficEntry> all = new ArrayList<>(added.size() + requests.size());
        all.addAll(added);
        all.addAll(requests);
        all.sort(NEWEST_FIRST);   // stable: entries finishing at the same instant keep the gateway's order
        List<TrafficEntry> kept = all.subList(0, Math.min(page.capacity(), all.size()));
        TrafficWindow next = new TrafficWindow(page.capacity(), kept);
        added.removeIf(e -> !next.contains(e));
        added.sort(NEWEST_FIRST);
        return new Merged(next, added);
    }

    public boolean contains(TrafficEntry e) {
        return known.contains(e);
    }

    public int capacity() {
        return capacity;
    }

    /** Newest first; immutable. */
    public List<TrafficEntry> requests() {
        return requests;
    }

    public boolean isEmpty() {
        return requests.isEmpty();
    }
}
