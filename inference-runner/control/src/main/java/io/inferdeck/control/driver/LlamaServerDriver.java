package io.inferdeck.control.driver;

import io.inferdeck.control.launch.CommandLineText;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.MetricMapping;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Level;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.metrics.Selector;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.ProfileKnob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * llama.cpp's {@code llama-server} (flags from its {@code --help} / tools/server README). Flash
 * attention is rendered as {@code -fa on|off}: llama.cpp builds from late August 2025 on take a value
 * there (default auto), so we say what the profile means instead of inheriting "auto"; older builds,
 * where {@code -fa} was a bare switch, need upgrading. {@code --metrics} is always on: it is how the
 * console measures the engine. {@code /health} answers 503 while the model loads and 200 once ready.
 * Metric names are the {@code llamacpp:*} exposition of {@code --metrics}: it has no request counter
 * and no latency histograms, so those figures stay "not available" and the client measures them.
 */
public final class LlamaServerDriver extends LlamaCppDriver {
    /** Environment variable the engine reads its API key from. */
    static final String API_KEY_VARIABLE = "LLAMA_API_KEY";

    static final String BINARY = "llama-server";

    private static final MetricsDialect METRICS = new MetricsDialect(new EngineFlavor("llama.cpp"), "llamacpp:",
            new MetricMapping(
                    Map.of(Counter.PROMPT_TOKENS, Selector.sum("llamacpp:prompt_tokens_total"),
                            Counter.GENERATED_TOKENS, Selector.sum("llamacpp:tokens_predicted_total")),
                    Map.of(),
                    Map.of(Level.RUNNING, Selector.sum("llamacpp:requests_processing"),
                            Level.WAITING, Selector.sum("llamacpp:requests_deferred"),
                            Level.KV_CACHE_USAGE, Selector.mean("llamacpp:kv_cache_usage_ratio"))));

    private static final Set<ProfileKnob> KNOBS = llamaKnobsAnd(ProfileKnob.BINARY);

    @Override
    public EngineKind kind() {
        return EngineKind.LLAMA_SERVER;
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
    public List<String> argv(DeploymentProfile p, ReplicaSlice r, LaunchContext ctx) throws LaunchException {
        List<String> a = new ArrayList<>();
        a.add(ctx.binaries().resolve(p.binary(), BINARY).toString());
        a.addAll(List.of("-m", p.model(), "-c", Integer.toString(p.ctx()), "-b", Integer.toString(p.batch()),
                "-ub", Integer.toString(p.ubatch()), "-np", Integer.toString(p.parallel()),
                "-ctk", kvCache().effective(p.cacheTypeK()),
                "-ctv", kvCache().effective(p.cacheTypeV()),
                "-fa", p.flashAttention() ? "on" : "off",
                "-ngl", Integer.toString(p.gpuLayers()), "-sm", p.splitMode().id()));
        if (!p.tensorSplit().isEmpty()) {
            a.addAll(List.of("-ts", CommandLineText.join(p.tensorSplit())));
        }
        a.addAll(List.of("-mg", Integer.toString(p.mainGpu())));
        r.threads().ifPresent(t -> a.addAll(List.of("-t", Integer.toString(t))));
        if (p.mlock()) {
            a.add("--mlock");
        }
        if (p.noMmap()) {
            a.add("--no-mmap");
        }
        a.addAll(List.of("--metrics", "--host", r.host(), "--port", Integer.toString(r.port())));
        a.addAll(p.extraArgs());
        return a;
    }

    @Override
    public HealthCheck health() {
        return HealthCheck.ok("/health");
    }

    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.of(METRICS);
    }

    /** The key travels in the environment, never argv: llama-server reads {@value #API_KEY_VARIABLE} when --api-key is absent (llama.cpp common/arg.cpp registers --api-key with that variable). */
    @Override
    public Map<String, String> environment(DeploymentProfile p, ReplicaSlice r) {
        return p.apiKey() == null ? Map.of() : Map.of(API_KEY_VARIABLE, p.apiKey());
    }
}
