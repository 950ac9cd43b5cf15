package io.inferdeck.services.tuning;

import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.common.sqlite.MovedAside;
import io.inferdeck.common.sqlite.SqliteFile;
import io.inferdeck.tuning.history.HistoryExport;
import io.inferdeck.tuning.history.HostInfo;
import io.inferdeck.tuning.history.NewRun;
import io.inferdeck.tuning.history.RunComparison;
import io.inferdeck.tuning.history.RunHistory;
import io.inferdeck.tuning.history.RunRecord;
import io.inferdeck.tuning.load.BenchJson;
import io.inferdeck.tuning.load.BenchResult;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run history database at one location: opened on first use and kept open until {@link #close()}, so the
 * page and a CLI command each hold one connection. Reads and exports fail with an {@link IOException} carrying
 * the database's message; recording never fails a run (its problems go to the caller as {@link HistoryProblem}s).
 * A damaged file (found at open, or by a later statement) is moved aside and a fresh database used from then on:
 * the next read fails once with a {@link DamagedStoreException} saying so, or recording tells MOVED_ASIDE and goes on.
 * Thread-safe: the open is synchronized and {@link RunHistory} serializes its statements.
 */
public final class RunLog implements AutoCloseable {
    private final Path database;
    private final Clock clock;
    private RunHistory history;
    /** A moving-aside not yet told to anyone (reads throw it, recording reports it). */
    private MovedAside untold;

    public RunLog(Path database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Path location() {
        return database;
    }

    private synchronized RunHistory open() throws SQLException {
        if (history == null) {
            history = RunHistory.open(database, clock);
            untold = history.movedAside().orElse(null);
        }
        return history;
    }

    /** The moving-aside not told yet, now counted as told. */
    private synchronized Optional<MovedAside> takeUntold() {
        Optional<MovedAside> m = Optional.ofNullable(untold);
        untold = null;
        return m;
    }

    /** A statement found the open file damaged: close it, move it aside; the next open starts a fresh one. */
    private synchronized MovedAside setAside(SQLException damage) throws SQLException {
        close();
        untold = null;
        return SqliteFile.moveAside(database, RunHistory.STORE, SqliteFile.reason(damage), clock);
    }

    /** The database to record in, or empty (and NOT_RECORDING told) when it cannot be opened; MOVED_ASIDE told once. */
    Optional<RunHistory> forRecording(Consumer<HistoryProblem> problems) {
        try {
            RunHistory h = open();
            takeUntold().ifPresent(m -> problems.accept(new HistoryProblem(HistoryProblem.Kind.MOVED_ASIDE, database, m.sentence())));
            return Optional.of(h);
        } catch (SQLException | RuntimeException e) {
            problems.accept(new HistoryProblem(HistoryProblem.Kind.NOT_RECORDING, database, e.getMessage()));
            return Optional.empty();
        }
    }

    /** Inserts a running row for a bench of {@code run}; -1 (and NOT_RECORDING told) when it cannot. */
    long start(BenchRun run, Consumer<HistoryProblem> problems) {
        Optional<RunHistory> h = forRecording(problems);
        try {
            return h.isEmpty() ? -1 : h.get().start(new NewRun("bench", run.label(), run.settingsJson(), null, HostInfo.describe()));
        } catch (SQLException | RuntimeException e) {
            problems.accept(damaged(e, HistoryProblem.Kind.NOT_RECORDING));
            return -1;
        }
    }

    /**
     * Row {@code id} ends complete with {@code r}; partial with a "failed: ..." note when no request succeeded (there
     * is nothing to compare), or "stopped early" when the run was stopped. No-op for id -1.
     */
    void finish(long id, BenchResult r, Consumer<HistoryProblem> problems) {
        write(id, h -> {
            if (r.ok() == 0) {
                h.markPartial(id, failedNote("no request succeeded " + r.failuresByCause()));
            } else if (r.stoppedEarly()) {
                h.markPartial(id, "stopped early");
            } else {
                h.complete(id, r.figures(), BenchJson.toJson(r).toString());
            }
        }, problems);
    }

    /** The one spelling of a failed run's note, which lists and exports show. */
    static String failedNote(String why) {
        return "failed: " + why;
    }

    /** Row {@code id} ends partial with {@code note}. No-op for id -1. */
    void abandon(long id, String note, Consumer<HistoryProblem> problems) {
        write(id, h -> h.markPartial(id, note), problems);
    }

    private interface Write {
        void to(RunHistory h) throws SQLException;
    }

    private void write(long id, Write w, Consumer<HistoryProblem> problems) {
        if (id < 0) {
            return;
        }
        try {
            w.to(open());
        } catch (SQLException | RuntimeException e) {
            problems.accept(damaged(e, HistoryProblem.Kind.INCOMPLETE));
        }
    }

    /** The problem to tell for a failed write: MOVED_ASIDE (the run's row went with the file) when the file was damaged. */
    private HistoryProblem damaged(Exception e, HistoryProblem.Kind otherwise) {
        if (e instanceof SQLException s && SqliteFile.isDamage(s)) {
            try {
                return new HistoryProblem(HistoryProblem.Kind.MOVED_ASIDE, database, setAside(s).sentence());
            } catch (SQLException notMoved) {
                return new HistoryProblem(otherwise, database, notMoved.getMessage());
            }
        }
        return new HistoryProblem(otherwise, database, e.getMessage());
    }

    /** The newest {@code limit} runs, newest first, without their result documents; unreadable rows are logged and skipped. */
    public List<RunRecord> list(int limit) throws IOException {
        return read(() -> open().list(limit));
    }

    /** As {@link #list(int)}, telling {@code unreadable} the one-line reason for each row it skips. */
    public List<RunRecord> list(int limit, Consumer<String> unreadable) throws IOException {
        return read(() -> open().list(limit, e -> unreadable.accept(e.getMessage())));
    }

    /** One run with its result document; an IOException naming the row when it is there but unreadable. */
    public Optional<RunRecord> get(long id) throws IOException {
        return read(() -> open().get(id));
    }

    /** Runs {@code a} and {@code b} side by side; IllegalArgumentException when either does not exist. */
    public RunComparison compare(long a, long b) throws IOException {
        return read(() -> open().compare(a, b));
    }

    /** Writes {@code runs} with their result documents (list() leaves them out) atomically: JSON, else CSV. */
    public void export(List<RunRecord> runs, Path file, ExportFormat format) throws IOException {
        List<RunRecord> full = new ArrayList<>();
        for (RunRecord r : runs) {
            full.add(get(r.id()).orElse(r));
        }
        if (format == ExportFormat.JSON) HistoryExport.json(full, file); else HistoryExport.csv(full, file);
    }

    private interface Read<T> {
        T get() throws SQLException;
    }

    /** Runs a read; a damaged file (found now or at open) is moved aside and reported as a DamagedStoreException. */
    private <T> T read(Read<T> r) throws IOException {
        try {
            open();
            Optional<MovedAside> moved = takeUntold();
            if (moved.isPresent()) {
                throw new DamagedStoreException(moved.get(), null);
            }
            return r.get();
        } catch (SQLException e) {
            if (SqliteFile.isDamage(e)) {
                try {
                    throw new DamagedStoreException(setAside(e), e);
                } catch (SQLException notMoved) {
                    throw new IOException(notMoved.getMessage(), notMoved);
                }
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (history != null) {
            try {
                history.close();
            } catch (SQLException e) {
                System.getLogger(RunLog.class.getName()).log(System.Logger.Level.WARNING, "closing run history " + database, e);
            }
            history = null;
        }
    }
}
