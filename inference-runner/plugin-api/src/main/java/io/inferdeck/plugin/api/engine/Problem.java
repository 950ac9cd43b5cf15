package io.inferdeck.plugin.api.engine;

import java.util.Objects;

/**
 * A profile error found by an engine plugin's {@link EngineDriverPlugin#validate}: the profile field it
 * concerns (e.g. {@code baseUrl}) and what is wrong, in words an operator can act on. An error stops the
 * profile from starting.
 */
public record Problem(String field, String message) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
