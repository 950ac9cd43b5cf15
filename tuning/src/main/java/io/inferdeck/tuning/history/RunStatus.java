package io.inferdeck.tuning.history;

import java.util.Locale;

/** RUNNING while a run is measured; COMPLETE when it finished; PARTIAL when it never finished (crash, stop). */
public enum RunStatus {
    RUNNING, COMPLETE, PARTIAL;

    String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunStatus fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
