package io.inferdeck.control.gateway.keys;

import io.inferdeck.control.gateway.RequestRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-key daily usage, added up in memory as requests end and written to the {@link KeyStore} by {@link #flush}
 * (every few seconds and at close, on the key thread): a request thread only updates a map, never waits for
 * SQLite. A failed write keeps the counts for the next flush. Days are UTC. Thread-safe: the pending map is
 * guarded by this object.
 */
final class UsageMeter {
    private static final System.Logger LOG = System.getLogger(UsageMeter.class.getName());
    private record Slot(LocalDate day, String keyId) {
    }

    private final Clock clock;
    private Map<Slot, KeyUsage> pending = new HashMap<>();

    UsageMeter(Clock clock) {
        this.clock = clock;
    }

    /** One request of {@code keyId} ended as {@code done} (empty: it failed before anything was recorded). */
    void count(String keyId, Optional<RequestRecord> done) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        boolean error = done.map(r -> r.status() >= 400 || r.outcome() != RequestRecord.Outcome.OK).orElse(true);
        KeyUsage u = new KeyUsage(day, keyId, 1, done.map(RequestRecord::tokensIn).orElse(0L),
                done.map(RequestRecord::tokensOut).orElse(0L), error ? 1 : 0);
        add(List.of(u));
    }

    private synchronized void add(List<KeyUsage> rows) {
        for (KeyUsage u : rows) {
            pending.merge(new Slot(u.day(), u.keyId()), u, KeyUsage::plus);
        }
    }

    /** Usage counted but not yet written. */
    synchronized List<KeyUsage> pending() {
        return List.copyOf(pending.values());
    }

    /** Writes what was counted since the last flush; on failure keeps it for the next one. */
    void flush(KeyStore store) {
        List<KeyUsage> rows;
        synchronized (this) {
            rows = new ArrayList<>(pending.values());
            pending = new HashMap<>();
        }
        try {
            store.addUsage(rows);
        } catch (IOException | RuntimeException e) {
            add(rows);
            LOG.log(System.Logger.Level.WARNING, "key usage not written yet (kept for the next try): " + e.getMessage());
        }
    }
}
