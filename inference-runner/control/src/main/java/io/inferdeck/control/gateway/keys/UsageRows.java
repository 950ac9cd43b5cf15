package io.inferdeck.control.gateway.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The usage rows of {@code keys.db} (one per UTC day and key id, schema in {@link KeyRows}). An unreadable row is
 * skipped with a warning. Stateless; the caller serialises access to the connection.
 */
final class UsageRows {
    private static final System.Logger LOG = System.getLogger(UsageRows.class.getName());

    private UsageRows() {
    }

    /** Adds {@code rows} to what is stored for their day and key, in one transaction. */
    static void add(Connection db, Collection<KeyUsage> rows) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement s = db.prepareStatement("""
                INSERT INTO usage (day, key_id, requests, tokens_in, tokens_out, errors) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, key_id) DO UPDATE SET requests = requests + excluded.requests,
                  tokens_in = tokens_in + excluded.tokens_in, tokens_out = tokens_out + excluded.tokens_out,
                  errors = errors + excluded.errors""")) {
            for (KeyUsage u : rows) {
                s.setString(1, u.day().toString());
                s.setString(2, u.keyId());
                s.setLong(3, u.requests());
                s.setLong(4, u.tokensIn());
                s.setLong(5, u.tokensOut());
                s.setLong(6, u.errors());
                s.addBatch();
            }
            s.executeBatch();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** Usage from {@code from} on, newest day first, then by key id. */
    static List<KeyUsage> from(Connection db, LocalDate from) throws SQLException {
        List<KeyUsage> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT day, key_id, requests, tokens_in, tokens_out, errors FROM usage "
                + "WHERE day >= ? ORDER BY day DESC, key_id")) {
            s.setString(1, from.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(new KeyUsage(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getLong(6)));
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "key database: skipped unreadable usage row: " + e.getMessage());
                    }
                }
            }
        }
        return out;
    }
}
