package io.inferdeck.control.gateway.keys;

import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.common.sqlite.MovedAside;
import io.inferdeck.common.sqlite.SqliteFile;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;

/**
 * The open {@code keys.db} connection ({@link SqliteFile}: WAL, quick check, damaged file moved aside). A statement
 * that finds the file damaged moves it aside, opens a fresh one and fails with a {@link DamagedStoreException}
 * naming the kept copy; any other SQL failure is an IOException naming the file. Not thread-safe: the
 * {@link KeyStore} serialises calls.
 */
final class KeyFile implements AutoCloseable {
    /** One statement or transaction on the connection. */
    interface Sql<T> {
        T run(Connection db) throws SQLException;
    }

    private final Path file;
    private final Clock clock;
    private final Optional<MovedAside> movedAside;
    private Connection db;

    private KeyFile(Path file, Clock clock, SqliteFile.Opened opened) {
        this.file = file;
        this.clock = clock;
        this.db = opened.connection();
        this.movedAside = opened.movedAside();
    }

    static KeyFile open(Path file, Clock clock) throws IOException {
        try {
            return new KeyFile(file, clock, SqliteFile.open(file, KeyStore.STORE, clock, KeyRows::schema));
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    Path path() {
        return file;
    }

    /** Present when the file found at open was damaged and replaced by a fresh one. */
    Optional<MovedAside> movedAside() {
        return movedAside;
    }

    <T> T run(Sql<T> sql) throws IOException {
        try {
            return sql.run(db);
        } catch (SQLException e) {
            if (!SqliteFile.isDamage(e)) {
                throw failure(file, e);
            }
            try {
                db.close();
                MovedAside moved = SqliteFile.moveAside(file, KeyStore.STORE, SqliteFile.reason(e), clock);
                db = SqliteFile.open(file, KeyStore.STORE, clock, KeyRows::schema).connection();
                throw new DamagedStoreException(moved, e);
            } catch (SQLException notMoved) {
                throw failure(file, notMoved);
            }
        }
    }

    /** SQLite's counter of commits by other connections to the file: it changes when another process wrote. */
    static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    private static IOException failure(Path file, SQLException e) {
        return new IOException(KeyStore.STORE + " " + file + ": " + SqliteFile.reason(e), e);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            System.getLogger(KeyFile.class.getName()).log(System.Logger.Level.WARNING, "closing " + KeyStore.STORE + " " + file, e);
        }
    }
}
