package io.inferdeck.services.keys;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyLimits;
import io.inferdeck.control.gateway.keys.NewKey;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's own client key for gateways that admit by the key store: named {@code console-<pid>}, made on
 * first need without limits, its secret held in this object's memory only (never written, never logged), revoked
 * at {@link #close()}. A console that died without closing leaves its key active; the next console revokes such
 * keys ({@link #sweepOrphans}) when their pid no longer runs. A key the operator revoked meanwhile is replaced by
 * a new one on the next {@link #secret()}. Blocking (SQLite): call it off the FX thread. Thread-safe.
 */
public final class ConsoleKey implements AutoCloseable {
    public static final String PREFIX = "console-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})");
    private static final System.Logger LOG = System.getLogger(ConsoleKey.class.getName());

    private final KeyService keys;
    private final long pid;
    private final LongPredicate alive;
    private String secret;
    private String id;
    private boolean closed;

    /**
     * @param pid   this process's id ({@code ProcessHandle.current().pid()})
     * @param alive whether a process with this id runs now (production: {@link #running})
     */
    public ConsoleKey(KeyService keys, long pid, LongPredicate alive) {
        this.keys = keys;
        this.pid = pid;
        this.alive = alive;
    }

    /** Whether a process with id {@code pid} runs on this machine now. */
    public static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public String name() {
        return PREFIX + pid;
    }

    /** The key's secret, made now if there is none yet or the one made was revoked. @throws IOException after {@link #close()} too */
    public synchronized String secret() throws IOException {
        if (closed) {
            throw new IOException("the console is closing: no new key");
        }
        if (secret != null && keys.lookup(secret).map(ApiKey::active).orElse(false)) {
            return secret;
        }
        NewKey made;
        try {
            made = keys.add(name(), KeyLimits.UNLIMITED);
        } catch (IllegalArgumentException nameTaken) {
            keys.revoke(name());   // left by an earlier process with this pid, which cannot run while we do
            made = keys.add(name(), KeyLimits.UNLIMITED);
        }
        secret = made.secret();
        id = made.key().id();
        return secret;
    }

    /** The id of the key made, empty before the first {@link #secret()}. */
    public synchronized Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** Runs {@code listener} after each change to the key store (see {@link KeyService#onChange}); it must not block. */
    public AutoCloseable onStoreChange(Runnable listener) throws IOException {
        return keys.onChange(listener);
    }

    /**
     * Revokes the active {@code console-<pid>} keys of consoles that no longer run (this one's aside) and returns
     * them. Without a key file there is nothing to sweep, and none is created.
     */
    public List<ApiKey> sweepOrphans() throws IOException {
        if (!Files.exists(keys.location())) {
            return List.of();
        }
        List<ApiKey> swept = new ArrayList<>();
        for (ApiKey k : keys.list()) {
            Matcher m = NAME.matcher(k.name());
            if (k.active() && m.matches() && Long.parseLong(m.group(1)) != pid && !alive.test(Long.parseLong(m.group(1)))) {
                swept.add(keys.revoke(k.id()));
            }
        }
        return swept;
    }

    /** Revokes the key made, if any, and makes no other; the secret is forgotten. Problems are logged, never thrown. */
    @Override
    public synchronized void close() {
        closed = true;
        if (id == null) {
            return;
        }
        try {
            keys.revoke(id);
        } catch (IllegalArgumentException revokedAlready) {
            // the operator revoked it: nothing left to do
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "console key " + id + " not revoked (the next console revokes it): " + e.getMessage());
        }
        secret = null;
        id = null;
    }
}
