package io.inferdeck.app;

import io.inferdeck.control.gateway.Admission;
import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.gateway.keys.KeyGate;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.services.keys.KeyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gateway keys' part of the composition root, for the console and {@code up}: the one {@link KeyService}
 * (keys.db, opened on first use) and, once a profile with {@code gateway.keys} is deployed, the one {@link KeyGate}
 * every such deployment's gateway admits through. Owns the {@code gateway-keys} thread, which re-reads
 * revocations made by other processes ({@link KeyService#watch}) and writes usage (blocking SQLite work, off every
 * request thread).
 */
public final class KeysWiring implements AutoCloseable {
    private final ScheduledExecutorService keysThread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gateway-keys").daemon(true).factory());
    private final KeyService service;
    private final Clock clock;
    private final Consumer<String> warnings;
    private KeyGate gate;

    /** @param warnings one-line problems the operator should see (a damaged keys.db moved aside) */
    public KeysWiring(Path database, Clock clock, Consumer<String> warnings) {
        this.service = new KeyService(database, clock, keysThread);
        this.clock = clock;
        this.warnings = warnings;
        service.watch(keysThread);   // the one poll of keys.db for other processes' changes, idle until the store is open
    }

    /** The {@code gateway-keys} thread, for the console's other keys work (the Keys page's feed, the console's key). */
    java.util.concurrent.ScheduledExecutorService thread() {
        return keysThread;
    }

    public KeyService service() {
        return service;
    }

    /** What a deployment of {@code p} gets from outside its gateway: the key store's admission when {@code gateway.keys} is on. */
    public GatewayExtensions extensionsFor(DeploymentProfile p) {
        return new GatewayExtensions(admissionFor(p), Optional.empty(), Optional.empty());
    }

    /** Opens the key store on the first profile that needs it. @throws UncheckedIOException when it cannot be opened */
    public synchronized Optional<Admission.Factory> admissionFor(DeploymentProfile p) {
        if (!p.gateway().keys()) {
            return Optional.empty();
        }
        if (gate == null) {
            try {
                gate = new KeyGate(service.storeForGateways(warnings), clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gate.start(keysThread);
        }
        return Optional.of(gate::admission);
    }

    /** After the deployments: writes the last usage, stops the thread, closes the store. */
    @Override
    public synchronized void close() {
        if (gate != null) {
            gate.close();
        }
        keysThread.shutdown();   // a flush or re-read in progress finishes: SQLite calls are not interruptible anyway
        try {
            keysThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        service.close();
    }
}
