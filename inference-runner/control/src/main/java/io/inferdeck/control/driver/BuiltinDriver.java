package io.inferdeck.control.driver;

import io.inferdeck.control.launch.CommandLineText;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.MetricMapping;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.MetricMapping.Latency;
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
 * InferDeck's own runner (llama.cpp through JNI), one JVM per replica:
 * {@code java [jvmOptions] -cp CP io.inferdeck.runner.RunnerMain --flags}, the runner CLI fixed in the
 * brief. Optional knobs (model, api key, threads, tensor split, mlock, no-mmap, queue) are passed only
 * when set, so the runner's own defaults apply otherwise (no --model = its default model). Health and
 * metric names follow the BRIEF shared contract: {@code /health} answers 200 once the model is loaded;
 * metrics are {@code inferdeck_*}, completed = outcome ok, errors = outcome error or rejected (429,
 * queue full).
 */
public final class BuiltinDriver extends LlamaCppDriver {
    /** Environment variable the engine reads its API key from. */
    static final String API_KEY_VARIABLE = "INFERDECK_API_KEY";

    static final String MAIN_CLASS = "io.inferdeck.runner.RunnerMain";

    private static final MetricsDialect METRICS = new MetricsDialect(new EngineFlavor("builtin"), "inferdeck_",
            new MetricMapping(
                    Map.of(Counter.COMPLETED, Selector.sumWhere("inferdeck_requests_total", "outcome", "ok"),
                            Counter.ERRORS, Selector.sumWhere("inferdeck_requests_total", "outcome", "error", "rejected"),
                            Counter.PROMPT_TOKENS, Selector.sum("inferdeck_prompt_tokens_total"),
                            Counter.GENERATED_TOKENS, Selector.sum("inferdeck_generated_tokens_total")),
                    Map.of(Latency.E2E, List.of("inferdeck_request_duration_seconds"),
                            Latency.TTFT, List.of("inferdeck_time_to_first_token_seconds"),
                            Latency.ITL, List.of("inferdeck_inter_token_latency_seconds")),
                    Map.of(Level.RUNNING, Selector.sum("inferdeck_requests_running"),
                            Level.WAITING, Selector.sum("inferdeck_requests_waiting"),
                            Level.KV_CACHE_USAGE, Selector.mean("inferdeck_kv_cache_usage_ratio"))));

    private static final Set<ProfileKnob> KNOBS = llamaKnobsAnd(ProfileKnob.QUEUE);
    private static final OpenAiSupport OPEN_AI = new OpenAiSupport(false, false, true);

    @Override
    public EngineKind kind() {
        return EngineKind.BUILTIN;
    }

    @Override
    public boolean runsDefaultModel() {
        return true;
    }

    @Override
    public Set<ProfileKnob> knobs() {
        return KNOBS;
    }

    @Override
    public List<String> argv(DeploymentProfile p, ReplicaSlice r, LaunchContext ctx) {
        List<String> a = new ArrayList<>();
        a.add(ctx.javaBinary().toString());
        a.addAll(ctx.jvmOptions());
        a.addAll(List.of("-cp", ctx.classpath(), MAIN_CLASS));
        if (p.model() != null) {
            a.addAll(List.of("--model", p.model()));
        }
        a.addAll(List.of("--host", r.host(), "--port", Integer.toString(r.port())));
        r.threads().ifPresent(t -> a.addAll(List.of("--threads", Integer.toString(t))));
        a.addAll(List.of("--ctx", Integer.toString(p.ctx()), "--batch", Integer.toString(p.batch()),
                "--ubatch", Integer.toString(p.ubatch()), "--parallel", Integer.toString(p.parallel()),
                "--cache-type-k", kvCache().effective(p.cacheTypeK()),
                "--cache-type-v", kvCache().effective(p.cacheTypeV())));
        if (p.flashAttention()) {
            a.add("--flash-attn");
        }
        a.addAll(List.of("--gpu-layers", Integer.toString(p.gpuLayers()), "--split-mode", p.splitMode().id()));
        if (!p.tensorSplit().isEmpty()) {
            a.addAll(List.of("--tensor-split", CommandLineText.join(p.tensorSplit())));
        }
        a.addAll(List.of("--main-gpu", Integer.toString(p.mainGpu())));
        if (p.mlock()) {
            a.add("--mlock");
        }
        if (p.noMmap()) {
            a.add("--no-mmap");
        }
        if (p.queue() != null) {
            a.addAll(List.of("--queue", Integer.toString(p.queue())));
        }
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

    /**
     * The runner has no tool calling and no constrained output (only {@code response_format: {"type":"text"}}),
     * and refuses unknown request fields as OpenAI does (its {@code RequestParser}): the gateway answers
     * tools and JSON formats itself and strips the no-op defaults clients send.
     */
    @Override
    public OpenAiSupport openAi() {
        return OPEN_AI;
    }

    /** The key travels in the environment, never argv (argv is world-readable in the process list); the runner reads {@value #API_KEY_VARIABLE}. */
    @Override
    public Map<String, String> environment(DeploymentProfile p, ReplicaSlice r) {
        return p.apiKey() == null ? Map.of() : Map.of(API_KEY_VARIABLE, p.apiKey());
    }
}
