package io.inferdeck.services.keys;

import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.Hosts;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The engine the console's own clients (the Playground) call: the console's {@link EngineTarget}, with the
 * {@link ConsoleKey} in place of the profile's key while the deployment's gateway admits by the key store (its
 * requests are then metered under {@code console-<pid>}); otherwise the same endpoint. The key is made on
 * {@code io} (a thread that may block on SQLite) the first time such a deployment is the target, and made again
 * when the store says it was revoked. Without a key (the file could not be written), the profile's key is sent
 * and the gateway's refusal is what the operator sees. Thread-safe.
 */
public final class ClientTarget implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClientTarget.class.getName());

    private final EngineTarget source;
    private final Predicate<EngineEndpoint> keyed;
    private final ConsoleKey key;
    private final Executor io;
    private final EngineTarget target = new EngineTarget();
    private final AutoCloseable following;
    private volatile AutoCloseable storeListener;

    /** @param keyed whether an endpoint is a gateway that admits by the key store ({@link #keyedGateway}) */
    public ClientTarget(EngineTarget source, Predicate<EngineEndpoint> keyed, ConsoleKey key, Executor io) {
        this.source = source;
        this.keyed = keyed;
        this.key = key;
        this.io = io;
        this.following = source.subscribe(e -> io.execute(this::follow));   // the publisher's thread: hand over
    }

    /** True when {@code e} is the front door of a deployment of {@code running} whose gateway uses the key store. */
    public static boolean keyedGateway(DeploymentProfile running, EngineEndpoint e) {
        return running != null && running.gateway().keys() && Hosts.dialUrl(running.host(), running.port()).equals(e.baseUrl());
    }

    public EngineTarget target() {
        return target;
    }

    /** On {@code io}: derives the target from the source as it is now (never from a stale value handed over). */
    private void follow() {
        Optional<EngineEndpoint> now = source.current();
        if (now.isEmpty()) {
            target.clear();
            return;
        }
        EngineEndpoint e = now.get();
        if (!keyed.test(e)) {
            target.set(e);
            return;
        }
        try {
            target.set(new EngineEndpoint(e.baseUrl(), key.secret(), e.label()));
            if (storeListener == null) {
                storeListener = key.onStoreChange(() -> io.execute(this::follow));   // a revocation of the key makes a new one
            }
        } catch (IOException | RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "no console key, sending the profile's: " + ex.getMessage());
            target.set(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(following);
        closeQuietly(storeListener);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a listener", e);
        }
    }
}
