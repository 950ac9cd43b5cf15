package io.inferdeck.views.fleet;

import io.inferdeck.services.fleet.FleetHistory;
import io.inferdeck.services.fleet.FleetStatus;

/**
 * Everything the Fleet page shows that arrives from its worker, as one value on its one dispatcher channel: the
 * newest read (status and history, null until the first arrives) and a message. {@code seq} tags the read that
 * produced it, so a slow answer to an older request never replaces a newer one.
 */
record FleetState(long seq, FleetStatus status, FleetHistory history, String message, boolean loading) {
    static final FleetState EMPTY = new FleetState(0, null, null, "", false);

    FleetState loading(long s, String text) {
        return new FleetState(s, status, history, text, true);
    }

    FleetState read(long s, FleetStatus st, FleetHistory h, String text) {
        return s < seq ? this : new FleetState(s, st, h, text, false);
    }

    FleetState failed(long s, String text) {
        return s < seq ? this : new FleetState(s, status, history, text, false);
    }
}
