package io.inferdeck.services.keys;

import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.common.sqlite.MovedAside;
import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyGate;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.gateway.keys.NewKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gateway's key store at one location, for the CLI ({@code ./inferdeck keys}), the console and the gateways of
 * this process, which all share the one open {@link KeyStore}: a key revoked here is refused at once by them. Opened
 * on first use. A file found damaged at open was moved aside: the first read or change then fails once with a
 * {@link DamagedStoreException} saying so (one line, with the kept copy and what to do), while a gateway opening it
 * gets that line as a warning and goes on with the fresh, empty store. Blocking methods run on the caller's thread;
 * {@link #snapshot} runs on the executor given. Changes other processes make to the file are found by the one
 * poll {@link #watch} schedules (SQLite's {@code PRAGMA data_version}, via {@link KeyStore#refresh()}): the
 * gateways' revocations and the console's Keys page both follow it. Thread-safe.
 */
public final class KeyService implements AutoCloseable {
    private final Path database;
    private final Clock clock;
    private final Executor io;
    private static final System.Logger LOG = System.getLogger(KeyService.class.getName());
    private KeyStore store;
    private ScheduledFuture<?> watch;
    /** A moving-aside found at open and not told to anyone yet. */
    private MovedAside untold;

    /** @param io where {@link #snapshot} reads (a thread that may block on SQLite) */
    public KeyService(Path database, Clock clock, Executor io) {
        this.database = database;
        this.clock = clock;
        this.io = io;
    }

    public Path location() {
        return database;
    }

    private synchronized KeyStore open() throws IOException {
        if (store == null) {
            store = KeyStore.open(database, clock);
            untold = store.movedAside().orElse(null);
        }
        return store;
    }

    private synchronized Optional<MovedAside> takeUntold() {
        Optional<MovedAside> m = Optional.ofNullable(untold);
        untold = null;
        return m;
    }

    /** The store for this process's gateways; a damaged file moved aside at open is told to {@code warn} (once, one line). */
    public KeyStore storeForGateways(Consumer<String> warn) throws IOException {
        KeyStore s = open();
        takeUntold().ifPresent(m -> warn.accept(m.sentence()));
        return s;
    }

    private KeyStore forUse() throws IOException {
        KeyStore s = open();
        Optional<MovedAside> moved = takeUntold();
        if (moved.isPresent()) {
            throw new DamagedStoreException(moved.get(), null);
        }
        return s;
    }

    /** A new key; its secret is in the result only. @throws IllegalArgumentException bad or taken name, bad limits */
    public NewKey add(String name, KeyLimits limits) throws IOException {
        return forUse().add(name, limits);
    }

    public List<ApiKey> list() throws IOException {
        return forUse().list();
    }

    /** @throws IllegalArgumentException no such key, or revoked already */
    public ApiKey revoke(String nameOrId) throws IOException {
        return forUse().revoke(nameOrId);
    }

    /** Keys and the usage of the last {@code days} UTC days, today included. @throws IllegalArgumentException days < 1 */
    public KeysSnapshot read(int days) throws IOException {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
        KeyStore s = forUse();
        LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days - 1L);
        return new KeysSnapshot(clock.instant(), from, s.list(), s.usage(from));
    }

    /** {@link #read} on the executor; fails with the IOException (a DamagedStoreException once after a moving-aside). */
    public CompletionStage<KeysSnapshot> snapshot(int days) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read(days);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io);
    }

    /**
     * Checks every {@link KeyGate#REFRESH} on {@code thread} (one that may block on SQLite) whether another process
     * changed the file, and re-reads the keys when it did; does nothing while the store is not open. The first
     * call schedules it; later calls do nothing, so the process polls once however many parts follow the file.
     */
    public synchronized void watch(ScheduledExecutorService thread) {
        if (watch == null) {
            long ms = KeyGate.REFRESH.toMillis();
            watch = thread.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        KeyStore s;
        synchronized (this) {
            s = store;
        }
        if (s == null) {
            return;
        }
        try {
            s.refresh();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "key database not re-read: " + e.getMessage());   // the keys in memory stay in force
        }
    }

    /** Opens the store and runs {@code listener} after each change to it (see {@link KeyStore#onChange}); it must not block. */
    public AutoCloseable onChange(Runnable listener) throws IOException {
        return open().onChange(listener);
    }

    /** The key whose secret this is, revoked or not, from memory (no statement); empty for an unknown secret. */
    public Optional<ApiKey> lookup(String secret) throws IOException {
        return open().lookup(secret);
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
