package io.inferdeck.control.driver;

import static io.inferdeck.control.profile.ProfileIssue.warning;

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
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Ollama. By default attached at {@code baseUrl} ({@value #DEFAULT_URL}, Ollama's own default), never started
 * or stopped. A profile that sets {@code binary} (e.g. {@code "ollama"} on PATH, or a path) asks InferDeck to
 * launch {@code ollama serve} instead; a binary that is not found is a launch error, not a silent attach.
 * OpenAI API under {@code /v1}; ready while {@code GET /api/version} answers 200; models and loaded models
 * through {@link io.inferdeck.control.ollama.OllamaClient}. Ollama has no /metrics page.
 *
 * <p>{@code ollama serve} takes no flags: the profile maps to its documented environment variables: host and
 * port -> OLLAMA_HOST, parallel -> OLLAMA_NUM_PARALLEL, ctx -> OLLAMA_CONTEXT_LENGTH (per sequence: Ollama
 * multiplies it by the parallel count), cacheTypeK -> OLLAMA_KV_CACHE_TYPE (quantized types need flash
 * attention), flashAttention -> OLLAMA_FLASH_ATTENTION, queue -> OLLAMA_MAX_QUEUE. Ollama checks no API key.
 */
public final class OllamaDriver implements EngineDriver {
    static final String DEFAULT_URL = "http://127.0.0.1:11434";
    static final String BINARY = "ollama";
    public static final KvCacheChoices KV_CACHE = new KvCacheChoices(List.of("f16", "q8_0", "q4_0"), "f16");

    private static final Set<ProfileKnob> KNOBS = Collections.unmodifiableSet(EnumSet.of(ProfileKnob.BASE_URL,
            ProfileKnob.BINARY, ProfileKnob.CTX, ProfileKnob.PARALLEL, ProfileKnob.CACHE_TYPE_K,
            ProfileKnob.FLASH_ATTENTION, ProfileKnob.QUEUE, ProfileKnob.GPUS, ProfileKnob.REPLICAS,
            ProfileKnob.HOST, ProfileKnob.PORT));

    @Override
    public EngineKind kind() {
        return new EngineKind("ollama");
    }

    /** Launched when the profile names a binary to run; attached otherwise. */
    @Override
    public boolean launched(DeploymentProfile profile) {
        return profile.binary() != null;
    }

    @Override
    public URI attachedUrl(DeploymentProfile profile) {
        return URI.create(profile.baseUrl() == null || profile.baseUrl().isBlank() ? DEFAULT_URL : profile.baseUrl());
    }

    @Override
    public boolean runsDefaultModel() {
        return false;
    }

    @Override
    public Set<ProfileKnob> knobs() {
        return KNOBS;
    }

    @Override
    public KvCacheChoices kvCache() {
        return KV_CACHE;
    }

    @Override
    public void validate(DeploymentProfile p, List<ProfileIssue> out) {
        BaseUrlRule.check(p.baseUrl(), null, out);
        if (!launched(p)) {
            return;
        }
        if (p.baseUrl() != null) {
            out.add(warning("baseUrl", "ignored: with 'binary' set InferDeck launches ollama serve on host:port"));
        }
        if (!KV_CACHE.effective(p.cacheTypeK()).equals(KV_CACHE.defaultType()) && !p.flashAttention()) {
            out.add(warning("cacheTypeK", "Ollama quantizes the KV cache only with flashAttention on"));
        }
        if (p.apiKey() != null) {
            out.add(warning("apiKey", "Ollama checks no API key: anyone who reaches host:port can use it"));
        }
    }

    @Override
    public int tokensPerSequence(DeploymentProfile p) {
        return p.ctx();
    }

    @Override
    public OptionalInt threadsPerReplica(DeploymentProfile p, int cpuCount) {
        return OptionalInt.empty();
    }

    @Override
    public List<String> argv(DeploymentProfile p, ReplicaSlice r, LaunchContext ctx) throws LaunchException {
        return List.of(ctx.binaries().resolve(p.binary(), BINARY).toString(), "serve");
    }

    @Override
    public Map<String, String> environment(DeploymentProfile p, ReplicaSlice r) {
        Map<String, String> env = new HashMap<>();
        env.put("OLLAMA_HOST", (r.host().contains(":") ? "[" + r.host() + "]" : r.host()) + ":" + r.port());
        env.put("OLLAMA_NUM_PARALLEL", Integer.toString(p.parallel()));
        env.put("OLLAMA_CONTEXT_LENGTH", Integer.toString(p.ctx()));
        env.put("OLLAMA_KV_CACHE_TYPE", KV_CACHE.effective(p.cacheTypeK()));
        if (p.flashAttention()) {
            env.put("OLLAMA_FLASH_ATTENTION", "1");
        }
        if (p.queue() != null) {
            env.put("OLLAMA_MAX_QUEUE", Integer.toString(p.queue()));
        }
        return Map.copyOf(env);
    }

    @Override
    public HealthCheck health() {
        return HealthCheck.ok("/api/version");
    }

    /** Ollama has no /metrics page. */
    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.empty();
    }
}
