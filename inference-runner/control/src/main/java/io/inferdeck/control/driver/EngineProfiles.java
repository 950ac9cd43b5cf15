package io.inferdeck.control.driver;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.plugin.api.engine.EngineProfile;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** A {@link DeploymentProfile} as the plugin API shows it: the fields an engine plugin may read, unset ones empty. */
final class EngineProfiles {
    private EngineProfiles() {
    }

    static EngineProfile view(DeploymentProfile p) {
        return new EngineProfile(Objects.requireNonNullElse(p.name(), ""), blankless(p.model()), blankless(p.baseUrl()),
                Objects.requireNonNullElse(p.host(), ""), p.port(), p.ctx(), p.parallel(),
                p.threads() == null ? OptionalInt.empty() : OptionalInt.of(p.threads()), p.gpus(), p.extraArgs(),
                blankless(p.apiKey()));
    }

    private static Optional<String> blankless(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
