package io.inferdeck.services.safety.live;

import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.gateway.filter.TextMasker;
import io.inferdeck.control.gateway.filter.TrafficFilter;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.services.safety.SafetyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the safety side gives each deployment's gateway (for {@code EngineLauncher}): live filtering when the
 * profile has a {@code gateway.safety} block, a PII masker when it turns {@code capturePrompts} on, neither
 * otherwise. Called on a worker thread (filters may load the classifier); thread-safe.
 */
public final class GatewaySafetyParts implements Function<DeploymentProfile, GatewayExtensions> {
    private final SafetyService safety;

    public GatewaySafetyParts(SafetyService safety) {
        this.safety = safety;
    }

    /**
     * The stage ids a profile's {@code gateway.safety.stages} may name: those of the filters {@link #apply} builds
     * (for {@link io.inferdeck.control.profile.ProfileRules#withSafetyStages}).
     */
    public List<String> stageIds() {
        return safety.settings().stageIds();
    }

    /** @throws UncheckedIOException when the filters or the review queue cannot be opened */
    @Override
    public GatewayExtensions apply(DeploymentProfile profile) {
        GatewaySettings g = profile.gateway();
        try {
            Optional<TrafficFilter> filter = g.safety() == null ? Optional.empty()
                    : Optional.of(LiveTrafficFilter.open(g.safety(), safety));
            Optional<TextMasker> capture = g.capturePrompts() ? Optional.of(new PiiMasker(safety.piiDetector())) : Optional.empty();
            return GatewayExtensions.safety(filter, capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
