package io.inferdeck.control.gateway.keys;

import io.inferdeck.control.gateway.Admission;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The key store as gateways use it: one per process, shared by every deployment whose profile sets
 * {@code gateway.keys}, so a key's limits and usage are the same whichever deployment serves it. On the executor
 * given to {@link #start} (a thread that may block on SQLite, owned by the composition root) it writes the usage
 * counted in memory every {@link #FLUSH} and at {@link #close()}. Changes other processes make to the file
 * (a revocation from {@code ./inferdeck keys revoke}) reach it when the store's owner calls
 * {@link KeyStore#refresh()}, every {@link #REFRESH} (one poll per process, which the console's Keys page follows
 * too; one made in this process applies at once). The store itself belongs to the caller. Thread-safe.
 */
public final class KeyGate implements AutoCloseable {
    public static final Duration REFRESH = Duration.ofSeconds(2);
    public static final Duration FLUSH = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(KeyGate.class.getName());

    private final KeyStore store;
    private final Clock clock;
    private final KeyLimiter limiter = new KeyLimiter();
    private final UsageMeter meter;
    private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();

    public KeyGate(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.meter = new UsageMeter(clock);
    }

    /** Schedules the usage flush on {@code keysThread}. */
    public void start(ScheduledExecutorService keysThread) {
        tasks.add(keysThread.scheduleWithFixedDelay(this::flush, FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The admission for one gateway; {@code profileKey} is its profile's {@code apiKey}, admitted as key id {@code profile}. */
    public Admission admission(Optional<String> profileKey) {
        return new KeyAdmission(store, limiter, meter, clock, profileKey);
    }

    public KeyStore store() {
        return store;
    }

    /** Re-reads the keys if another process changed them; problems are logged (the keys in memory stay in force). */
    public void refresh() {
        try {
            store.refresh();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "key database not re-read: " + e.getMessage());
        }
    }

    /** Writes the usage counted so far. */
    public void flush() {
        meter.flush(store);
    }

    /** Usage counted in memory and not yet written (at most {@link #FLUSH} old). */
    public List<KeyUsage> pendingUsage() {
        return meter.pending();
    }

    /** Requests of {@code keyId} in flight now. */
    public int inFlight(String keyId) {
        return limiter.inFlight(keyId);
    }

    /** Stops the scheduled work and writes the last usage; the store stays open (its owner closes it). */
    @Override
    public void close() {
        tasks.forEach(t -> t.cancel(false));
        flush();
    }
}
