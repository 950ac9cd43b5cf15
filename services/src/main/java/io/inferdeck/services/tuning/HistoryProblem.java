package io.inferdeck.services.tuning;

import java.nio.file.Path;

/**
 * Why a run is not (fully) in the run history. Never fails the run: callers show it in their own words.
 *
 * @param database the history file
 * @param detail   the database's message, or for a sweep point and for {@link Kind#MOVED_ASIDE} a whole sentence
 */
public record HistoryProblem(Kind kind, Path database, String detail) {

    public enum Kind {
        /** The database could not be opened or the run's row not inserted: nothing of the run is recorded. */
        NOT_RECORDING,
        /** A row exists but could not be inserted or finished for one part (a sweep point) or at the end. */
        INCOMPLETE,
        /** The file was damaged: it was renamed (kept) and recording goes on in a fresh database; detail says where. */
        MOVED_ASIDE
    }
}
