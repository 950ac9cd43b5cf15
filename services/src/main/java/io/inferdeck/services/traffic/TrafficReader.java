package io.inferdeck.services.traffic;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Follows one gateway's request log: the first read takes the whole ring, later ones the newest
 * {@link #INCREMENT} — and the whole ring again when none of those was seen before (more requests finished
 * between two reads than one increment holds), so nothing is skipped. Shared by the console's feed and
 * {@code inferdeck traffic --follow}. Not thread-safe: one reader per follower.
 */
public final class TrafficReader {
    static final int INCREMENT = 200;

    private final TrafficSource source;
    private TrafficWindow window;

    public TrafficReader(TrafficSource source) {
        this.source = source;
    }

    /** Reads what finished since the last read, merged into the window. */
    public TrafficWindow.Merged read() throws IOException, InterruptedException {
        TrafficPage page = source.fetch(window == null ? OptionalInt.empty() : OptionalInt.of(INCREMENT));
        if (window != null && page.requests().size() >= INCREMENT && !window.contains(page.requests().getLast())) {
            page = source.fetch(OptionalInt.empty());
        }
        TrafficWindow.Merged merged = (window == null ? TrafficWindow.empty(page.capacity()) : window).merge(page);
        window = merged.window();
        return merged;
    }

    /** Everything read so far; empty before the first successful read. */
    public Optional<TrafficWindow> window() {
        return Optional.ofNullable(window);
    }
}
