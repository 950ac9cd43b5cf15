package io.inferdeck.control.gateway.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The SQL of {@code keys.db}: its schema and the key rows ({@link UsageRows}: the usage rows). A row that cannot be
 * read (a bad timestamp, a limit below 1 written by something else) is skipped with a warning, never a crash.
 * Stateless; the caller serialises access to the connection.
 */
final class KeyRows {
    private static final System.Logger LOG = System.getLogger(KeyRows.class.getName());
    private static final String COLUMNS = "id, name, hash, rpm, tpm, concurrency, created_at, revoked_at";

    private KeyRows() {
    }

    /** Idempotent: runs on every open. Names are unique among keys not revoked, so a name can be reused after revoking. */
    static void schema(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA synchronous=NORMAL");   // durable against process crashes; WAL keeps the file consistent
            s.execute("""
                    CREATE TABLE IF NOT EXISTS keys (
                      id TEXT PRIMARY KEY,
                      name TEXT NOT NULL,
                      hash TEXT NOT NULL UNIQUE,
                      rpm INTEGER CHECK (rpm IS NULL OR rpm >= 1),
                      tpm INTEGER CHECK (tpm IS NULL OR tpm >= 1),
                      concurrency INTEGER CHECK (concurrency IS NULL OR concurrency >= 1),
                      created_at TEXT NOT NULL,
                      revoked_at TEXT)""");
            s.execute("CREATE UNIQUE INDEX IF NOT EXISTS keys_active_name ON keys(name) WHERE revoked_at IS NULL");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS usage (
                      day TEXT NOT NULL,
                      key_id TEXT NOT NULL,
                      requests INTEGER NOT NULL DEFAULT 0,
                      tokens_in INTEGER NOT NULL DEFAULT 0,
                      tokens_out INTEGER NOT NULL DEFAULT 0,
                      errors INTEGER NOT NULL DEFAULT 0,
                      PRIMARY KEY (day, key_id))""");
        }
    }

    static void insert(Connection db, ApiKey k, String hash) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
            s.setString(1, k.id());
            s.setString(2, k.name());
            s.setString(3, hash);
            s.setObject(4, k.limits().requestsPerMinute().isPresent() ? k.limits().requestsPerMinute().getAsInt() : null);
            s.setObject(5, k.limits().tokensPerMinute().isPresent() ? k.limits().tokensPerMinute().getAsLong() : null);
            s.setObject(6, k.limits().concurrency().isPresent() ? k.limits().concurrency().getAsInt() : null);
            s.setString(7, k.created().toString());
            s.executeUpdate();
        }
    }

    static void revoke(Connection db, String id, Instant at) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setString(1, at.toString());
            s.setString(2, id);
            s.executeUpdate();
        }
    }

    /** Every readable key by its hash, oldest first. */
    static Map<String, ApiKey> all(Connection db) throws SQLException {
        Map<String, ApiKey> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM keys ORDER BY created_at, id")) {
            while (rs.next()) {
                String hash = rs.getString("hash");
                key(rs).ifPresent(k -> out.put(hash, k));
            }
        }
        return out;
    }

    private static Optional<ApiKey> key(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        try {
            KeyLimits limits = new KeyLimits(optInt(rs, "rpm"), optLong(rs, "tpm"), optInt(rs, "concurrency"));
            String revoked = rs.getString("revoked_at");
            return Optional.of(new ApiKey(id, rs.getString("name"), limits, Instant.parse(rs.getString("created_at")),
                    Optional.ofNullable(revoked).map(Instant::parse)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "key database: skipped unreadable key " + id + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static OptionalInt optInt(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(Math.toIntExact(v));
    }

    private static OptionalLong optLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
