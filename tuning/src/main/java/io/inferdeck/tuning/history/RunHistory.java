package io.inferdeck.tuning.history;

import io.inferdeck.common.sqlite.MovedAside;
import io.inferdeck.common.sqlite.SqliteFile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every benchmark/sweep run, persisted in SQLite ({@code <data dir>/history.db}) in WAL mode: each state
 * change is one committed transaction, so a console crash loses at most the change in progress. A run
 * left RUNNING by a process that is gone (same host, pid no longer alive) is marked PARTIAL when the
 * database is next opened; checkpointed figures survive. A damaged file is moved aside on open and a fresh one
 * started ({@link SqliteFile}, {@link #movedAside()}); a row that cannot be read is an {@link UnreadableRunException},
 * which lists skip. Thread-safe (one connection, synchronized).
 */
public final class RunHistory implements AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS runs (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              kind TEXT NOT NULL,
              label TEXT,
              status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'partial')),
              started_at TEXT NOT NULL,
              finished_at TEXT,
              owner_pid INTEGER NOT NULL,
              owner_host TEXT NOT NULL,
              profile_json TEXT,
              engine_version TEXT,
              hardware TEXT,
              figures_json TEXT NOT NULL DEFAULT '{}',
              result_json TEXT,
              note TEXT)""";
    private static final String COLUMNS = "id, kind, label, status, started_at, finished_at, profile_json, engine_version, "
            + "hardware, figures_json, note";

    /** How messages name this file. */
    public static final String STORE = "history database";

    private final Connection db;
    private final Path file;
    private final Clock clock;
    private final Optional<MovedAside> movedAside;
    private final int recovered;

    private RunHistory(SqliteFile.Opened opened, Path file, Clock clock) throws SQLException {
        this.db = opened.connection();
        this.file = file;
        this.clock = clock;
        this.movedAside = opened.movedAside();
        this.recovered = markAbandonedRuns();
    }

    /** Opens (or creates) {@code file}; a damaged file is moved aside first, which {@link #movedAside()} reports. */
    public static RunHistory open(Path file, Clock clock) throws SQLException {
        SqliteFile.Opened opened = SqliteFile.open(file, STORE, clock, db -> {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA synchronous=NORMAL"); // durable against process crashes; WAL keeps it consistent
                s.execute(SCHEMA);
            }
        });
        try {
            return new RunHistory(opened, file, clock);
        } catch (SQLException | RuntimeException e) {
            opened.connection().close();
            throw e;
        }
    }

    /** Present when the file found at open was damaged: it was renamed and this history started empty. */
    public Optional<MovedAside> movedAside() {
        return movedAside;
    }

    /** {@code <data dir>/history.db}, the data dir resolved as for models ($XDG_DATA_HOME/inferdeck). */
    public static Path defaultLocation(Map<String, String> env) {
        return io.inferdeck.gguf.ModelLibrary.dataDir(env).resolve("history.db");
    }

    /** How many abandoned runs this open marked PARTIAL. */
    public int recoveredOnOpen() {
        return recovered;
    }

    private int markAbandonedRuns() throws SQLException {
        List<Long> abandoned = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT id, owner_pid FROM runs WHERE status = 'running' AND owner_host = ?")) {
            q.setString(1, host());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (ProcessHandle.of(rs.getLong(2)).map(p -> !p.isAlive()).orElse(true)) {
                        abandoned.add(rs.getLong(1));
                    }
                }
            }
        }
        for (long id : abandoned) {
            markPartial(id, "never finished: its process ended while the run was in progress");
        }
        return abandoned.size();
    }

    public synchronized long start(NewRun run) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO runs (kind, label, status, started_at, owner_pid, owner_host, "
                + "profile_json, engine_version, hardware) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, run.kind());
            s.setString(2, run.label());
            s.setString(3, clock.instant().toString());
            s.setLong(4, ProcessHandle.current().pid());
            s.setString(5, host());
            s.setString(6, run.profileJson());
            s.setString(7, run.engineVersion());
            s.setString(8, run.hardware());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Stores figures so far (e.g. after each sweep point); they survive if the run never completes. */
    public synchronized void checkpoint(long id, Map<String, Double> figures) throws SQLException {
        update(id, "UPDATE runs SET figures_json = ? WHERE id = ? AND status = 'running'", FiguresCodec.toJson(figures));
    }

    public synchronized void complete(long id, Map<String, Double> figures, String resultJson) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE runs SET status = 'complete', finished_at = ?, figures_json = ?, "
                + "result_json = ? WHERE id = ? AND status = 'running'")) {
            s.setString(1, clock.instant().toString());
            s.setString(2, FiguresCodec.toJson(figures));
            s.setString(3, resultJson);
            s.setLong(4, id);
            requireOne(s.executeUpdate(), id);
        }
    }

    /** Ends a run without a full result (stopped, failed, or found abandoned). */
    public synchronized void markPartial(long id, String note) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "UPDATE runs SET status = 'partial', finished_at = ?, note = ? WHERE id = ? AND status = 'running'")) {
            s.setString(1, clock.instant().toString());
            s.setString(2, note);
            s.setLong(3, id);
            requireOne(s.executeUpdate(), id);
        }
    }

    /** The newest {@code limit} runs, newest first, without their result documents; unreadable rows are logged and skipped. */
    public List<RunRecord> list(int limit) throws SQLException {
        return list(limit, e -> System.getLogger(RunHistory.class.getName()).log(System.Logger.Level.WARNING, e.getMessage()));
    }

    /** As {@link #list(int)}, telling {@code unreadable} about each row it skips (they count toward {@code limit}). */
    public synchronized List<RunRecord> list(int limit, Consumer<UnreadableRunException> unreadable) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT " + COLUMNS + " FROM runs ORDER BY id DESC LIMIT ?")) {
            q.setInt(1, limit);
            List<RunRecord> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(row(rs, null));
                    } catch (UnreadableRunException e) {
                        unreadable.accept(e);
                    }
                }
            }
            return out;
        }
    }

    /** Run {@code id} with its result document; empty when there is none, {@link UnreadableRunException} when its row is bad. */
    public synchronized Optional<RunRecord> get(long id) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT " + COLUMNS + ", result_json FROM runs WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(row(rs, rs.getString("result_json"))) : Optional.empty();
            }
        }
    }

    /** Runs {@code a} and {@code b} side by side. */
    public RunComparison compare(long a, long b) throws SQLException {
        RunRecord ra = get(a).orElseThrow(() -> new IllegalArgumentException("no run " + a));
        RunRecord rb = get(b).orElseThrow(() -> new IllegalArgumentException("no run " + b));
        return Comparisons.of(ra, rb);
    }

    /** A row whose stored values do not parse (unknown status, bad timestamp or figures) is an UnreadableRunException. */
    private RunRecord row(ResultSet rs, String result) throws SQLException {
        long id = rs.getLong("id");
        try {
            String finished = rs.getString("finished_at");
            return new RunRecord(id, rs.getString("kind"), rs.getString("label"), RunStatus.fromDb(rs.getString("status")),
                    Instant.parse(rs.getString("started_at")), Optional.ofNullable(finished).map(Instant::parse),
                    rs.getString("profile_json"), rs.getString("engine_version"), rs.getString("hardware"),
                    FiguresCodec.fromJson(rs.getString("figures_json")), Optional.ofNullable(result), rs.getString("note"));
        } catch (RuntimeException e) {
            throw new UnreadableRunException(id, file, e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
    }

    private void update(long id, String sql, String value) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, value);
            s.setLong(2, id);
            requireOne(s.executeUpdate(), id);
        }
    }

    private static void requireOne(int updated, long id) {
        if (updated != 1) {
            throw new IllegalStateException("run " + id + " does not exist or is no longer running");
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
