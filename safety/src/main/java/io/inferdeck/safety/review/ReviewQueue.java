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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Persistent human-review queue in SQLite (WAL mode), one item per text and stage decision ({@link #submit(PipelineResult,
 * String)}: a re-run updates its items, a decision sticks until the filters change). The pipeline submits REVIEW
 * results (the live gateway also its BLOCKs); a reviewer
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
            SqliteFile.Opened opened = SqliteFile.open(file, STORE, clock, ReviewSchema::apply);
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

    /** {@link #submit(PipelineResult, String)} from a pipeline whose config is not known (an empty hash). */
    @Override
    public void submit(PipelineResult r) {
        submit(r, "");
    }

    /**
     * Queues {@code r}, one item per {@link ReviewKey} (side, prompt hash, deciding stage, decision): a new key
     * adds a pending item; a known one is counted ({@code seen}) and, while pending, takes the new category and
     * score. A reviewer's decision sticks for that key while the filters are configured as when it was queued
     * ({@code configHash}); submitted under another config, the item is pending again.
     */
    @Override
    public synchronized void submit(PipelineResult r, String configHash) {
        ReviewKey key = ReviewKey.of(r);
        String now = clock.instant().toString();
        Optional<Stored> stored = stored(key);
        if (stored.isPresent() && !stored.get().pending() && configHash.equals(stored.get().configHash())) {
            sql("UPDATE review_item SET seen=seen+1, last_seen=? WHERE id=?", ps -> {
                ps.setString(1, now);
                ps.setLong(2, stored.get().id());
                return ps.executeUpdate();
            });
            return;
        }
        String q = stored.isPresent()
                ? "UPDATE review_item SET category=?, score=?, config_hash=?, last_seen=?, seen=seen+1, status='PENDING',"
                        + " label=NULL, reviewed_at=NULL WHERE id=?"
                : "INSERT INTO review_item(category, score, config_hash, last_seen, created_at, side, text, prompt_hash,"
                        + " stage, decision) VALUES (?,?,?,?,?,?,?,?,?,?)";
        sql(q, ps -> {
            ps.setString(1, r.category());
            OptionalDouble score = r.decisive().score();
            if (score.isPresent()) {
                ps.setDouble(2, score.getAsDouble());
            } else {
                ps.setNull(2, java.sql.Types.REAL);
            }
            ps.setString(3, configHash);
            ps.setString(4, now);
            if (stored.isPresent()) {
                ps.setLong(5, stored.get().id());
            } else {
                ps.setString(5, now);
                ps.setString(6, key.side());
                ps.setString(7, r.safeText());
                ps.setString(8, key.promptHash());
                ps.setString(9, key.stage());
                ps.setString(10, key.decision());
            }
            return ps.executeUpdate();
        });
    }

    /**
     * The reviewer's decision on the item {@code r} would be queued as, when there is one and it was made under
     * the filter config {@code configHash}; empty while it is pending, stale or not queued.
     */
    public synchronized Optional<ReviewItem> decided(PipelineResult r, String configHash) {
        Optional<Stored> stored = stored(ReviewKey.of(r));
        if (stored.isEmpty() || stored.get().pending() || !configHash.equals(stored.get().configHash())) {
            return Optional.empty();
        }
        return query("SELECT * FROM review_item WHERE id=" + stored.get().id()).stream().findFirst();
    }

    private record Stored(long id, boolean pending, String configHash) {
    }

    private Optional<Stored> stored(ReviewKey key) {
        return sql("SELECT id, status, config_hash FROM review_item WHERE " + ReviewKey.WHERE, ps -> {
            key.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getLong(1), "PENDING".equals(rs.getString(2)),
                        rs.getString(3) == null ? "" : rs.getString(3))) : Optional.empty();
            }
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
                reviewed == null ? null : Instant.parse(reviewed), Objects.toString(rs.getString("stage"), ""),
                Objects.toString(rs.getString("decision"), ""), rs.getInt("seen"));
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
