package io.inferdeck.views.traffic;

import io.inferdeck.services.traffic.TrafficEntry;
import io.inferdeck.services.traffic.TrafficSnapshot;
import java.util.Optional;

/**
 * The Traffic page's one state value: the newest snapshot from the feed, the one frozen when the operator
 * paused (empty while live), the filter and the selected request. Immutable.
 */
record TrafficState(TrafficSnapshot live, Optional<TrafficSnapshot> frozen, TrafficFilter filter,
                    Optional<TrafficEntry> selected) {
    static final TrafficState INITIAL = new TrafficState(TrafficSnapshot.NO_DEPLOYMENT, Optional.empty(), TrafficFilter.NONE,
            Optional.empty());

    /** What the table shows: the frozen snapshot while paused, else the live one. */
    TrafficSnapshot shown() {
        return frozen.orElse(live);
    }

    boolean paused() {
        return frozen.isPresent();
    }

    TrafficState withLive(TrafficSnapshot s) {
        return new TrafficState(s, frozen, filter, selected);
    }

    /** Pausing freezes what is shown now; resuming shows the newest. */
    TrafficState withPaused(boolean pause) {
        return new TrafficState(live, pause ? Optional.of(shown()) : Optional.empty(), filter, selected);
    }

    TrafficState withFilter(TrafficFilter f) {
        return new TrafficState(live, frozen, f, selected);
    }

    TrafficState withSelected(Optional<TrafficEntry> e) {
        return new TrafficState(live, frozen, filter, e);
    }
}
