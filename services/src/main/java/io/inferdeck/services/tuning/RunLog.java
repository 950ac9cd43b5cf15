package io.inferdeck.services.tuning;

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
 * Thread-safe: the open is synchronized and {@link RunHistory} serializes its statements.
 */
public final class RunLog implements AutoCloseable {
    private final Path database;
    private final Clock clock;
    private RunHistory history;

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
        }
        return history;
    }

    /** The database to record in, or empty (and NOT_RECORDING told) when it cannot be opened. */
    Optional<RunHistory> forRecording(Consumer<HistoryProblem> problems) {
        try {
            return Optional.of(open());
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
            problems.accept(new HistoryProblem(HistoryProblem.Kind.NOT_RECORDING, database, e.getMessage()));
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
            problems.accept(new HistoryProblem(HistoryProblem.Kind.INCOMPLETE, database, e.getMessage()));
        }
    }

    /** The newest {@code limit} runs, newest first, without their result documents. */
    public List<RunRecord> list(int limit) throws IOException {
        return read(() -> open().list(limit));
    }

    /** One run with its result document. */
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

    private static <T> T read(Read<T> r) throws IOException {
        try {
            return r.get();
        } catch (SQLException e) {
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
