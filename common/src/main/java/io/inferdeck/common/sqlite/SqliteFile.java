package io.inferdeck.common.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The one way InferDeck opens a small SQLite store: busy timeout, {@code PRAGMA quick_check} (a full read of
 * every b-tree page without index cross-checks: a few milliseconds for these stores of at most some MB),
 * WAL mode, then the caller's schema. A file SQLite calls damaged (not a database, malformed image, a failed
 * check) is renamed to {@code <name>.corrupt-<UTC timestamp>} with its -wal/-shm files — never deleted — and a
 * fresh database is opened in its place; {@link Opened#movedAside()} says so. Uses only java.sql: the SQLite
 * driver (xerial sqlite-jdbc, whose error codes are SQLite's primary result codes) comes from the caller's module.
 * Stateless and thread-safe; the returned connection belongs to the caller.
 */
public final class SqliteFile {
    /** SQLite's primary result codes for a damaged file. */
    private static final int SQLITE_CORRUPT = 11, SQLITE_NOTADB = 26;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The store's own pragmas and schema; runs on every open, so it must be idempotent (IF NOT EXISTS). */
    @FunctionalInterface
    public interface Setup {
        void apply(Connection db) throws SQLException;
    }

    /** An open store; {@code movedAside} is present when the file found there was damaged and replaced. */
    public record Opened(Connection connection, Optional<MovedAside> movedAside) {
    }

    private SqliteFile() {
    }

    /** @param store what the file is, in the user's words ("history database"), for messages */
    public static Opened open(Path file, String store, Clock clock, Setup setup) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SQLException("cannot create " + file.toAbsolutePath().getParent() + ": " + e.getMessage(), e);
        }
        try {
            return new Opened(connect(file, setup, true), Optional.empty());
        } catch (SQLException e) {
            if (!isDamage(e)) {
                throw e;
            }
            MovedAside moved = moveAside(file, store, reason(e), clock);
            return new Opened(connect(file, setup, false), Optional.of(moved));
        }
    }

    private static Connection connect(Path file, Setup setup, boolean check) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            // One statement each: a pragma's open result would keep the setup's writes from committing.
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
            }
            if (check) {
                quickCheck(db);
            }
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            // WAL + NORMAL: a commit no longer fsyncs (the WAL is synced at checkpoints). Still corruption-safe and
            // durable across a crash of the process; only an OS crash or power loss can roll back the last commits.
            // The gateway's live filter commits one review item per blocked request, so FULL put an fsync on the
            // request path behind the queue's lock.
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA synchronous=NORMAL");
            }
            setup.apply(db);
            return db;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * quick_check also reports rows that break a CHECK or NOT NULL constraint; those spoil one row, not the file,
     * so they are left to the store's row reader. Any other finding (among the first 100) means the file is damaged.
     */
    private static void quickCheck(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(100)")) {
            while (rs.next()) {
                String finding = rs.getString(1);
                if (!"ok".equals(finding) && !finding.startsWith("CHECK constraint failed") && !finding.startsWith("NULL value in")) {
                    throw new SQLException("integrity check failed: " + finding, null, SQLITE_CORRUPT);
                }
            }
        }
    }

    /** True when SQLite says the file itself is damaged (as opposed to busy, read-only, full, ...). */
    public static boolean isDamage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && ((e.getErrorCode() & 0xff) == SQLITE_CORRUPT || (e.getErrorCode() & 0xff) == SQLITE_NOTADB)) {
                return true;
            }
        }
        return false;
    }

    /** SQLite's own words: xerial writes "[SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed)". */
    public static String reason(SQLException e) {
        String m = e.getMessage() == null ? "error " + e.getErrorCode() : e.getMessage().strip();
        int open = m.lastIndexOf(" (");
        String r = m.startsWith("[") && m.endsWith(")") && open > 0 ? m.substring(open + 2, m.length() - 1) : m;
        int nl = r.indexOf('\n');
        return nl < 0 ? r : r.substring(0, nl);
    }

    /**
     * Renames the damaged {@code file} (and its -wal/-shm, which belong to it and must not be replayed into the
     * fresh one) beside itself. The caller must have closed its connection to the file.
     */
    public static MovedAside moveAside(Path file, String store, String reason, Clock clock) throws SQLException {
        Path kept = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        for (int n = 2; Files.exists(kept); n++) {
            kept = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()) + "-" + n);
        }
        try {
            Files.move(file, kept);
            for (String part : List.of("-wal", "-shm")) {
                Path side = file.resolveSibling(file.getFileName() + part);
                if (Files.exists(side)) {
                    Files.move(side, kept.resolveSibling(kept.getFileName() + part));
                }
            }
        } catch (IOException e) {
            throw new SQLException(store + " " + file + " is damaged (" + reason + ") and could not be moved aside: " + e, e);
        }
        return new MovedAside(store, file, kept, reason);
    }
}
