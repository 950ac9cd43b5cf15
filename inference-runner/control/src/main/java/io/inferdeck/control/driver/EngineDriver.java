package io.inferdeck.control.driver;

import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.KvCacheChoices;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything InferDeck knows about one engine kind, in one place: how a profile becomes its command
 * line, which profile knobs it reads, its KV cache types, its own validation rules, how it shares
 * context and threads, how it reports readiness and how its /metrics page reads. Adding an engine is
 * one implementation plus one line in {@code META-INF/services/io.inferdeck.control.driver.EngineDriver}
 * (see {@link EngineDrivers}); nothing else in InferDeck compares engine kinds.
 *
 * <p>Implementations are stateless and thread-safe, with a public no-argument constructor (the
 * {@link java.util.ServiceLoader} contract). Methods marked "launched only" are asked only when
 * {@link #launched} is true for the profile, "attached only" only when it is false.
 */
public interface EngineDriver {

    /** The profile's {@code engine} value this driver serves. */
    EngineKind kind();

    /**
     * True when InferDeck starts and stops the engine for this profile; false when it attaches to one running
     * elsewhere (never started or stopped). A profile decides it for engines that can do both (Ollama).
     */
    boolean launched(DeploymentProfile profile);

    /** Attached only: the engine's base URL (its OpenAI API is under {@code /v1}); the profile is validated. */
    default URI attachedUrl(DeploymentProfile profile) {
        return URI.create(profile.baseUrl());
    }

    /** True when the engine runs a built-in default model if the profile names none (else model is required). */
    boolean runsDefaultModel();

    /** The profile knobs this engine reads; any other knob set away from its default draws a warning. */
    Set<ProfileKnob> knobs();

    /** The KV cache types the engine accepts for {@code cacheTypeK} and its default. */
    KvCacheChoices kvCache();

    /**
     * Engine-specific rules, appended after the shared ones (name, model presence, field ranges, bind,
     * replicas and GPU list, API key) which {@link io.inferdeck.control.profile.ProfileValidator} checks.
     */
    void validate(DeploymentProfile profile, List<ProfileIssue> out);

    /** Launched only: tokens one sequence can hold (bounded by the model's trained context). */
    int tokensPerSequence(DeploymentProfile profile);

    /** Launched only: the thread count to pass one replica; empty = leave the engine's default. */
    OptionalInt threadsPerReplica(DeploymentProfile profile, int cpuCount);

    /** Launched only: one replica's argv; the profile is already validated. */
    List<String> argv(DeploymentProfile profile, ReplicaSlice replica, LaunchContext ctx) throws LaunchException;

    /**
     * Launched only: variables one replica's process gets besides the inherited environment and
     * {@code CUDA_VISIBLE_DEVICES} (e.g. an API key an engine reads from its environment, never its argv).
     * Values may hold the profile's API key: the planner masks it in the display line.
     */
    default Map<String, String> environment(DeploymentProfile profile, ReplicaSlice replica) {
        return Map.of();
    }

    /** How the supervisor tells that the engine is ready: a launched replica, or an attached engine's base URL. */
    HealthCheck health();

    /** How the engine's /metrics page reads; empty when it has none of its own (e.g. an attached engine). */
    Optional<MetricsDialect> metrics();

    /**
     * What the gateway in front of the engine must know of its OpenAI surface (see {@link OpenAiSupport}).
     * Default: pass everything through, for engines that handle OpenAI's optional features (or refuse them
     * in their own words) and ignore fields they do not know.
     */
    default OpenAiSupport openAi() {
        return OpenAiSupport.PASS_THROUGH;
    }
}
