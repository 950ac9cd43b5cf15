package io.inferdeck.common.sqlite;

import java.io.IOException;

/**
 * A read found its SQLite store damaged; the file has been moved aside ({@link #movedAside()}) and the store now
 * starts empty, so the next call works. The CLI reports it as a failure at run time (exit 1): what was asked
 * for could not be read, though nothing the user typed was wrong.
 */
public final class DamagedStoreException extends IOException {
    private final transient MovedAside movedAside;

    public DamagedStoreException(MovedAside movedAside, Throwable cause) {
        super(movedAside.what(), cause);
        this.movedAside = movedAside;
    }

    public MovedAside movedAside() {
        return movedAside;
    }
}
