package io.inferdeck.safety.review;

import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.common.sqlite.MovedAside;
import io.inferdeck.common.sqlite.SqliteFile;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.ReviewSink;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Persistent human-review queue in SQLite (WAL mode). The pipeline submits REVIEW results; a reviewer
 * approves (the text was fine), blocks (it was not) or relabels (it belongs to another category, or is
 * benign). Decisions on block/relabel can be exported as training data. One connection, all methods
 * synchronized: fine for a console with one reviewer; safe to call from background threads. A damaged file is
 * moved aside at open ({@link SqliteFile}) and the first read fails with a {@link DamagedStoreException} (in an
 * UncheckedIOException) saying so; rows that do not parse are logged and skipped.
 */
public final class ReviewQueue implements ReviewSink, AutoCloseable {
    /** How messages name this file. */
    public static final String STORE = "review queue database";
    private static final System.Logger LOG = System.getLogger(ReviewQueue.class.getName());

    private final Connection db;
    private final Path file;
    private final Clock clock;
    /** A moving-aside the first read reports (then it moves to {@code told}); submitting only logs it. */
    private MovedAside untold, told;

    public ReviewQueue(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        try {
            SqliteFile.Opened opened = SqliteFile.open(file, STORE, clock, c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("""
                            CREATE TABLE IF NOT EXISTS review_item (
                              id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, side TEXT NOT NULL,
                              text TEXT NOT NULL, category TEXT, score REAL, status TEXT NOT NULL DEFAULT 'PENDING',
                              label TEXT, reviewed_at TEXT)""");
                    st.execute("CREATE INDEX IF NOT EXISTS review_status ON review_item(status, id)");
                }
            });
            db = opened.connection();
            untold = opened.movedAside().orElse(null);
        } catch (SQLException e) {
            throw new IOException("cannot open " + STORE + " " + file + ": " + e.getMessage(), e);
        }
        if (untold != null) {
            LOG.log(System.Logger.Level.WARNING, untold.sentence());
        }
    }

    /** Present when the file found at open was damaged: it was renamed and this queue started empty. */
    public Optional<MovedAside> movedAside() {
        return Optional.ofNullable(untold == null ? told : untold);
    }

    @Override
    public synchronized void submit(PipelineResult r) {
        OptionalDouble score = r.decisive().score();
        sql("INSERT INTO review_item(created_at, side, text, category, score) VALUES (?,?,?,?,?)", ps -> {
            ps.setString(1, clock.instant().toString());
            ps.setString(2, r.side().wire());
            ps.setString(3, r.safeText());
            ps.setString(4, r.category());
            if (score.isPresent()) {
                ps.setDouble(5, score.getAsDouble());
            } else {
                ps.setNull(5, java.sql.Types.REAL);
            }
            return ps.executeUpdate();
        });
    }

    public synchronized List<ReviewItem> pending(int limit) {
        tellMovedAside();
        return query("SELECT * FROM review_item WHERE status='PENDING' ORDER BY id LIMIT " + Math.max(0, limit));
    }

    public synchronized List<ReviewItem> all() {
        tellMovedAside();
        return query("SELECT * FROM review_item ORDER BY id");
    }

    public synchronized int pendingCount() {
        tellMovedAside();
        return sql("SELECT COUNT(*) FROM review_item WHERE status='PENDING'", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    public void approve(long id) {
        decide(id, ReviewItem.Status.APPROVED, "benign");
    }

    public void block(long id) {
        decide(id, ReviewItem.Status.BLOCKED, null);
    }

    public void relabel(long id, String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("relabel needs a label");
        }
        decide(id, ReviewItem.Status.RELABELED, label.strip());
    }

    private synchronized void decide(long id, ReviewItem.Status status, String label) {
        int n = sql("UPDATE review_item SET status=?, label=COALESCE(?, category), reviewed_at=? WHERE id=?", ps -> {
            ps.setString(1, status.name());
            ps.setString(2, label);
            ps.setString(3, clock.instant().toString());
            ps.setLong(4, id);
            return ps.executeUpdate();
        });
        if (n == 0) {
            throw new IllegalArgumentException("no review item " + id);
        }
    }

    /** Reviewed items as training examples (text + final label), for {@code safety train}. */
    public synchronized List<io.inferdeck.safety.classifier.LabeledText> trainingExamples() {
        List<io.inferdeck.safety.classifier.LabeledText> out = new ArrayList<>();
        for (ReviewItem i : query("SELECT * FROM review_item WHERE status<>'PENDING' AND label IS NOT NULL ORDER BY id")) {
            out.add(new io.inferdeck.safety.classifier.LabeledText(i.text(), i.label()));
        }
        return out;
    }

    /** Writes {@link #trainingExamples()} as training JSONL (atomically); returns how many. */
    public int exportTrainingJsonl(Path out) throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder sb = new StringBuilder();
        List<io.inferdeck.safety.classifier.LabeledText> ex = trainingExamples();
        for (var e : ex) {
            sb.append(mapper.writeValueAsString(java.util.Map.of("text", e.text(), "label", e.label()))).append('\n');
        }
        AtomicFiles.writeString(out, sb.toString());
        return ex.size();
    }

    private List<ReviewItem> query(String q) {
        return sql(q, ps -> {
            List<ReviewItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(item(rs));
                    } catch (RuntimeException e) {   // a bad value (NULL/unknown status, bad time) spoils that row only
                        LOG.log(System.Logger.Level.WARNING, "skipped unreadable review item " + rs.getLong("id") + " in " + file + ": " + e);
                    }
                }
            }
            return out;
        });
    }

    private static ReviewItem item(ResultSet rs) throws SQLException {
        double s = rs.getDouble("score");
        OptionalDouble score = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(s);
        String reviewed = rs.getString("reviewed_at");
        return new ReviewItem(rs.getLong("id"), Instant.parse(rs.getString("created_at")), rs.getString("side"),
                rs.getString("text"), rs.getString("category"), score, ReviewItem.Status.valueOf(rs.getString("status")), rs.getString("label"),
                reviewed == null ? null : Instant.parse(reviewed));
    }

    /** The first read after a moving-aside reports it, once. */
    private void tellMovedAside() {
        if (untold != null) {
            told = untold;
            untold = null;
            throw new UncheckedIOException(new DamagedStoreException(told, null));
        }
    }

    private interface Body<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private <T> T sql(String q, Body<T> body) {
        try (PreparedStatement ps = db.prepareStatement(q)) {
            return body.run(ps);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("review queue: " + e.getMessage(), e));
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        }
    }
}
