package io.inferdeck.app;

import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.services.plugins.PluginCatalog;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.live.GatewaySafetyParts;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every deployment's gateway gets from outside the control module, composed in one place for every owner
 * that deploys from a profile (the console's engine and sweeps, {@code up}, {@code chaos}, {@code sweep}): the key
 * store's admission when the profile sets {@code gateway.keys} ({@link KeysWiring}), and live safety filtering
 * and prompt-capture masking when it asks for them ({@link GatewaySafetyParts}). Thread-safe (both parts are).
 */
public final class GatewayParts implements Function<DeploymentProfile, GatewayExtensions>, AutoCloseable {
    private final KeysWiring keys;
    private final GatewaySafetyParts safety;
    private final Optional<SafetyService> ownSafety;

    /** Over parts the caller owns and closes (the console shares its key store and safety service with its pages). */
    public GatewayParts(KeysWiring keys, SafetyService safety) {
        this(keys, safety, Optional.empty());
    }

    private GatewayParts(KeysWiring keys, SafetyService safety, Optional<SafetyService> own) {
        this.keys = keys;
        this.safety = new GatewaySafetyParts(safety, GuardWiring.stages());   // a profile's gateway.safety.guard block
        this.ownSafety = own;
    }

    /**
     * A command's own parts: the key store at its default place and a safety service over the review queue shared
     * with the console, both opened on first use and closed by {@link #close()}.
     *
     * @param warnings one-line problems for the operator (a damaged keys.db moved aside)
     */
    public static GatewayParts open(Consumer<String> warnings) {
        KeysWiring keys = new KeysWiring(KeyStore.defaultLocation(System.getenv()), Clock.systemUTC(), warnings);
        // installed plugins' stages join the filters, as in the console (the same scan the engine registry was built from)
        SafetyService safety = new SafetyService(SafetyPaths.fromEnvironment(),
                FilterSettings.defaults().withStages(PluginCatalog.installed().stages()), Clock.systemUTC());
        return new GatewayParts(keys, safety, Optional.of(safety));
    }

    /** @throws java.io.UncheckedIOException when the key store or the filters cannot be opened */
    @Override
    public GatewayExtensions apply(DeploymentProfile p) {
        return keys.extensionsFor(p).and(safety.apply(p));
    }

    /** The stage ids a profile's {@code gateway.safety} block may name (checked before anything starts). */
    public java.util.Collection<String> stageIds() {
        return safety.stageIds();
    }

    /** After the deployments: a command's own key store (its last usage written) and safety service. */
    @Override
    public void close() {
        if (ownSafety.isPresent()) {
            keys.close();
            ownSafety.get().close();
        }
    }
}
