package io.inferdeck.services.engine;

import io.inferdeck.control.profile.DeploymentProfile;
import java.net.URI;
import java.util.Objects;

/**
 * The outcome of a start or apply that reached Ready: {@code profile} as the engine runs it (a builtin's
 * default model filled in, the port it allocated) and {@code baseUrl}, where clients reach it (the router
 * for several replicas, else the single engine).
 */
public record Applied(DeploymentProfile profile, URI baseUrl) {
    public Applied {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }
}
