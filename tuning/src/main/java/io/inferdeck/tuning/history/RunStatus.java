package io.inferdeck.tuning.history;

import java.util.Arrays;
import java.util.Locale;

/** RUNNING while a run is measured; COMPLETE when it finished; PARTIAL when it never finished (crash, stop). */
public enum RunStatus {
    RUNNING, COMPLETE, PARTIAL;

    String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored spelling back; IllegalArgumentException naming the value for NULL or anything else. */
    static RunStatus fromDb(String s) {
        for (RunStatus r : values()) {
            if (r.db().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("status " + (s == null ? "NULL" : "'" + s + "'") + " is not one of "
                + Arrays.stream(values()).map(RunStatus::db).toList());
    }
}
