package io.inferdeck.safety.review;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The review queue's table, created or brought up to date on every open (idempotent). Columns added after the
 * first release are added to an existing file with their defaults; its older rows keep a NULL prompt hash, so
 * they are never merged with new submissions (the unique index ignores NULLs) and stay as they were.
 */
final class ReviewSchema {
    /** Columns added since the first schema, with their SQL types. */
    private static final String[][] ADDED = {
            {"prompt_hash", "TEXT"}, {"stage", "TEXT"}, {"decision", "TEXT"}, {"config_hash", "TEXT"},
            {"seen", "INTEGER NOT NULL DEFAULT 1"}, {"last_seen", "TEXT"}};

    private ReviewSchema() {
    }

    static void apply(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS review_item (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, side TEXT NOT NULL,
                      text TEXT NOT NULL, category TEXT, score REAL, status TEXT NOT NULL DEFAULT 'PENDING',
                      label TEXT, reviewed_at TEXT)""");
            Set<String> have = columns(st);
            for (String[] col : ADDED) {
                if (!have.contains(col[0])) {
                    st.execute("ALTER TABLE review_item ADD COLUMN " + col[0] + " " + col[1]);
                }
            }
            st.execute("CREATE INDEX IF NOT EXISTS review_status ON review_item(status, id)");
            st.execute("CREATE UNIQUE INDEX IF NOT EXISTS review_key ON review_item(side, prompt_hash, stage, decision)"
                    + " WHERE prompt_hash IS NOT NULL");
        }
    }

    private static Set<String> columns(Statement st) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = st.executeQuery("PRAGMA table_info(review_item)")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }
}
