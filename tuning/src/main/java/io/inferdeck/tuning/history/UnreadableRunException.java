package io.inferdeck.tuning.history;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A run's row exists but its stored values do not parse (status NULL or unknown, a bad timestamp, bad figures):
 * the database is intact, that row is not. Lists skip such rows; fetching one by id fails with this.
 */
public final class UnreadableRunException extends SQLException {
    private final long id;

    public UnreadableRunException(long id, Path file, String why, Throwable cause) {
        super("run " + id + " in " + file + " is unreadable: " + why, cause);
        this.id = id;
    }

    public long id() {
        return id;
    }
}
