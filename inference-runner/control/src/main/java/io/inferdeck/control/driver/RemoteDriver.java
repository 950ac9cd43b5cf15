package io.inferdeck.control.driver;

import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileIssue;
import java.util.List;
import java.util.Optional;

/**
 * Any OpenAI-compatible engine already running elsewhere, reached at {@code baseUrl}: attached, never
 * started or stopped. Ready while {@code GET /v1/models} (part of every OpenAI-compatible API) answers 200;
 * the profile's API key goes with the check. It has no metric names of its own: its /metrics page, if
 * any, is recognised by whichever engine's prefix it carries.
 */
public final class RemoteDriver extends AttachedDriver {

    @Override
    public EngineKind kind() {
        return EngineKind.REMOTE;
    }

    @Override
    public void validate(DeploymentProfile p, List<ProfileIssue> out) {
        BaseUrlRule.check(p.baseUrl(), "required for a remote engine (e.g. http://gpu-box:8000)", out);
    }

    @Override
    public HealthCheck health() {
        return HealthCheck.ok("/v1/models");
    }

    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.empty();
    }
}
