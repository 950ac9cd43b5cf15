package io.inferdeck.common.sqlite;

import java.nio.file.Path;

/**
 * A damaged SQLite store that was renamed to {@code keptAt} (never deleted) so a fresh one could take its place.
 *
 * @param store  what the file is, in the user's words ("history database")
 * @param file   where the store lives (now a fresh database)
 * @param keptAt the damaged file's new name, beside it
 * @param reason SQLite's one-line diagnosis
 */
public record MovedAside(String store, Path file, Path keptAt, String reason) {

    /** What happened, one line: names the file, the damage and the kept copy. */
    public String what() {
        return store + " " + file + " is damaged (" + reason + "); moved it to " + keptAt.getFileName() + " and started a fresh one";
    }

    /** What the user can do about it. */
    public String remedy() {
        return "the old file is kept: `sqlite3 " + keptAt + " .recover` may rescue its rows; delete it when not needed";
    }

    /** {@link #what()} and {@link #remedy()} as one line, for pages and warnings. */
    public String sentence() {
        return what() + " — " + remedy();
    }
}
