package io.inferdeck.control.gateway.keys;

import io.inferdeck.common.sqlite.DamagedStoreException;
import io.inferdeck.common.sqlite.MovedAside;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The gateway's API keys and their daily usage, in SQLite ({@code <data dir>/keys.db}, {@link KeyFile}). Secrets
 * are never stored, only their hash ({@link KeySecrets}). Every key, revoked ones included, is also held in memory
 * by hash, so admitting a request never touches the file: changes made through this object apply at once, changes
 * another process made (a {@code keys revoke} while {@code up} runs) at the next {@link #refresh()}. A damaged file
 * is moved aside: at open ({@link #movedAside()}), or when a statement finds it, which then fails once with a
 * {@link DamagedStoreException} while a fresh, empty file takes its place (no key is valid any more until added
 * again). Whoever wants to follow the file (the console's Keys page) registers with {@link #onChange}: it hears
 * every change made through this object and every one {@link #refresh()} finds. Thread-safe: statements are
 * serialised on this object; lookups read an immutable map.
 */
public final class KeyStore implements AutoCloseable {
    /** How messages name this file. */
    public static final String STORE = "key database";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final KeyFile file;
    private final Clock clock;
    private final KeySecrets secrets;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, ApiKey> byHash = Map.of();
    private long dataVersion = -1;

    private KeyStore(KeyFile file, Clock clock, KeySecrets secrets) {
        this.file = file;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** {@code <data dir>/keys.db}, the data dir resolved as for models ($XDG_DATA_HOME/inferdeck). */
    public static Path defaultLocation(Map<String, String> env) {
        return io.inferdeck.gguf.ModelLibrary.dataDir(env).resolve("keys.db");
    }

    /** Opens (or creates) {@code file}; a damaged file is moved aside first, which {@link #movedAside()} reports. */
    public static KeyStore open(Path file, Clock clock) throws IOException {
        KeyStore store = new KeyStore(KeyFile.open(file, clock), clock, new KeySecrets(new SecureRandom()));
        try {
            store.refresh();
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path location() {
        return file.path();
    }

    /** Present when the file found at open was damaged: it was renamed and this store started empty. */
    public Optional<MovedAside> movedAside() {
        return file.movedAside();
    }

    /**
     * Creates a key; its secret is in the result and nowhere else.
     *
     * @throws IllegalArgumentException for a bad name or one an active key already has
     */
    public synchronized NewKey add(String name, KeyLimits limits) throws IOException {
        if (name == null || !NAME.matcher(name).matches() || KeySecrets.ID.matcher(name).matches()) {
            throw new IllegalArgumentException("key name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-' "
                    + "(starting with a letter or digit) and not look like a key id");
        }
        List<ApiKey> keys = list();
        keys.stream().filter(k -> k.active() && k.name().equals(name)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("an active key named '" + name + "' exists already (id " + k.id() + ")");
        });
        String id = secrets.newId();
        while (find(keys, id).isPresent()) {
            id = secrets.newId();
        }
        String secret = secrets.newSecret();
        ApiKey key = new ApiKey(id, name, limits, clock.instant(), Optional.empty());
        write(db -> {
            KeyRows.insert(db, key, KeySecrets.hash(secret));
            return null;
        });
        return new NewKey(key, secret);
    }

    /** Every key, revoked ones included, oldest first. */
    public synchronized List<ApiKey> list() throws IOException {
        return List.copyOf(read(KeyRows::all).values());
    }

    /**
     * Revokes the key with id {@code nameOrId}, else the active key named so; effective at once in this process.
     *
     * @throws IllegalArgumentException when there is no such key, or it is revoked already
     */
    public synchronized ApiKey revoke(String nameOrId) throws IOException {
        List<ApiKey> keys = list();
        ApiKey k = find(keys, nameOrId)
                .or(() -> keys.stream().filter(x -> x.active() && x.name().equals(nameOrId)).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("no active key named or with id '" + nameOrId + "'"));
        if (!k.active()) {
            throw new IllegalArgumentException("key " + k.id() + " (" + k.name() + ") was revoked already at " + k.revoked().get());
        }
        ApiKey revoked = k.revokedAt(clock.instant());
        write(db -> {
            KeyRows.revoke(db, k.id(), revoked.revoked().get());
            return null;
        });
        return revoked;
    }

    private static Optional<ApiKey> find(List<ApiKey> keys, String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The key whose secret this is (revoked or not); in memory, never a statement. */
    public Optional<ApiKey> lookup(String secret) {
        return Optional.ofNullable(byHash.get(KeySecrets.hash(secret)));
    }

    /** Re-reads the keys when another connection changed the file since the last read; true when it did. */
    public synchronized boolean refresh() throws IOException {
        long version = read(KeyFile::dataVersion);
        if (version == dataVersion) {
            return false;
        }
        dataVersion = version;
        byHash = Map.copyOf(read(KeyRows::all));
        changed();
        return true;
    }

    /** Adds {@code rows} to the stored daily usage, in one transaction. */
    public synchronized void addUsage(Collection<KeyUsage> rows) throws IOException {
        if (!rows.isEmpty()) {
            read(db -> {
                UsageRows.add(db, rows);
                return null;
            });
            changed();
        }
    }

    /** Stored usage from {@code from} (a UTC day) on, newest day first. */
    public synchronized List<KeyUsage> usage(LocalDate from) throws IOException {
        return read(db -> UsageRows.from(db, from));
    }

    /** A change to the keys: the in-memory copy follows at once (our own commits do not move data_version). */
    private <T> T write(KeyFile.Sql<T> sql) throws IOException {
        T result = read(sql);
        byHash = Map.copyOf(read(KeyRows::all));
        changed();
        return result;
    }

    /** Any statement; when it found the file damaged, the fresh file has no keys, and neither has the copy in memory. */
    private <T> T read(KeyFile.Sql<T> sql) throws IOException {
        try {
            return file.run(sql);
        } catch (DamagedStoreException e) {
            byHash = Map.of();
            dataVersion = -1;
            changed();   // a fresh, empty file took its place
            throw e;
        }
    }

    /**
     * Runs {@code listener} after every change to the keys or the usage: one made through this object (on the
     * thread that made it) or one by another connection that {@link #refresh()} found (on the thread that called
     * it). Listeners must not block: they are called while this store's lock is held. Closing the result ends it.
     */
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                System.getLogger(KeyStore.class.getName()).log(System.Logger.Level.WARNING, "key database listener failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        file.close();
    }
}
