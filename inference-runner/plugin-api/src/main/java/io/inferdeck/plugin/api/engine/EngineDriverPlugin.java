package io.inferdeck.plugin.api.engine;

import io.inferdeck.plugin.api.Extension;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A new engine kind: what InferDeck needs to launch or attach to it. Registered in
 * {@code META-INF/services/io.inferdeck.plugin.api.engine.EngineDriverPlugin}; {@link #id()} is the profile's
 * {@code engine} value (1-64 characters of a-z 0-9 . _ -).
 *
 * <p>InferDeck does the rest as for its own engines: the shared profile rules (name, bind address and ports,
 * replicas, GPU list, API key), one process per replica with {@code CUDA_VISIBLE_DEVICES} set, restarts,
 * the health checks, and the gateway in front (keys, limits, cache, live safety, request log). An engine
 * that a profile attaches to is never started or stopped.
 *
 * <p>Methods marked "launched only" are asked only when {@link #launched} is true for the profile,
 * "attached only" only when it is false. A method that throws fails the profile's validation or start with
 * a message naming the plugin; it never takes InferDeck down.
 */
public interface EngineDriverPlugin extends Extension {

    /** True when InferDeck starts and stops the engine for this profile; false when it attaches to one running elsewhere. */
    boolean launched(EngineProfile profile);

    /** Attached only: the engine's base URL (its OpenAI API is under {@code /v1}). Default: the profile's {@code baseUrl}. */
    default URI attachedUrl(EngineProfile profile) {
        return URI.create(profile.baseUrl().orElseThrow(() -> new IllegalArgumentException("baseUrl is required")));
    }

    /**
     * Launched only: the engine's command, looked up on {@code PATH}; the profile's {@code binary}, when set,
     * is used instead.
     */
    default String command() {
        throw new UnsupportedOperationException(id() + " is not launched");
    }

    /** Launched only: one replica's arguments after the command. Bind to {@code replica.host()} and {@code replica.port()}. */
    default List<String> arguments(EngineProfile profile, Replica replica) {
        throw new UnsupportedOperationException(id() + " is not launched");
    }

    /** Launched only: variables the replica's process gets besides the inherited ones (secrets go here, never in arguments). */
    default Map<String, String> environment(EngineProfile profile, Replica replica) {
        return Map.of();
    }

    /** This engine's own rules, checked after the shared ones; empty when the profile suits it. */
    default List<Problem> validate(EngineProfile profile) {
        return List.of();
    }

    /**
     * The path whose {@code GET} answers 200 once the engine serves (on a launched replica, or under an
     * attached engine's base URL), e.g. {@code /health}. Starts with {@code /}.
     */
    String healthPath();
}
