package io.inferdeck.services.safety.live;

import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.gateway.filter.TextMasker;
import io.inferdeck.control.gateway.filter.TrafficFilter;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.guard.GuardPrompt;
import io.inferdeck.safety.guard.GuardSettings;
import io.inferdeck.safety.guard.GuardStages;
import io.inferdeck.safety.pipeline.FilterStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the safety side gives each deployment's gateway (for {@code EngineLauncher}): live filtering when the
 * profile has a {@code gateway.safety} block, a PII masker when it turns {@code capturePrompts} on, neither
 * otherwise. Called on a worker thread (filters may load the classifier); thread-safe.
 */
public final class GatewaySafetyParts implements Function<DeploymentProfile, GatewayExtensions> {
    private final SafetyService safety;
    private final Optional<GuardStages> guards;

    /** Without guard models: a profile with a {@code gateway.safety.guard} block is refused. */
    public GatewaySafetyParts(SafetyService safety) {
        this.safety = safety;
        this.guards = Optional.empty();
    }

    /** @param guards makes the guard stage a profile's {@code gateway.safety.guard} block asks for */
    public GatewaySafetyParts(SafetyService safety, GuardStages guards) {
        this.safety = safety;
        this.guards = Optional.of(guards);
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
                    : Optional.of(LiveTrafficFilter.open(g.safety(), safety, guard(g.safety().guard())));
            Optional<TextMasker> capture = g.capturePrompts() ? Optional.of(new PiiMasker(safety.piiDetector())) : Optional.empty();
            return GatewayExtensions.safety(filter, capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The guard stage a profile's guard block asks for (none without one); its fields were validated with the profile. */
    private List<FilterStage> guard(GatewaySettings.Guard g) {
        if (g == null) {
            return List.of();
        }
        GuardStages made = guards.orElseThrow(() -> new IllegalArgumentException(
                "gateway.safety.guard: this command cannot ask guard models"));
        GuardSettings s = new GuardSettings(URI.create(g.url()), g.model(), Optional.ofNullable(g.keyEnv()),
                Duration.ofMillis(g.timeoutMs()), GuardSettings.DEFAULT_MAX_REPLY_BYTES, Decision.parse(g.onFailure()),
                GuardPrompt.valueOf(g.prompt().toUpperCase(Locale.ROOT)));
        return List.of(made.stage(s));
    }
}
