package io.inferdeck.control.driver;

import static io.inferdeck.control.profile.ProfileIssue.warning;

import io.inferdeck.control.launch.CommandLineText;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.launch.LaunchException;
import io.inferdeck.control.launch.ReplicaSlice;
import io.inferdeck.control.metrics.MetricsDialect;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import io.inferdeck.control.profile.GpuLayoutRules;
import io.inferdeck.control.profile.KvCacheChoices;
import io.inferdeck.control.profile.ProfileIssue;
import io.inferdeck.control.profile.ProfileKnob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code vllm serve MODEL ...} (flags from {@code vllm serve --help}). Profile knobs map as:
 * parallel -> --max-num-seqs (concurrent sequences), batch -> --max-num-batched-tokens (tokens per
 * scheduler step), ctx -> --max-model-len (per sequence: vLLM does not divide it among sequences),
 * cacheTypeK -> --kv-cache-dtype (one dtype for K and V). Tensor x pipeline parallel beyond one
 * machine's GPUs needs a Ray cluster started beforehand. {@code /health} answers 200 once the engine
 * serves. Metric names: {@link VllmMetrics}.
 */
public final class VllmDriver implements EngineDriver {
    /** Environment variable the engine reads its API key from. */
    static final String API_KEY_VARIABLE = "VLLM_API_KEY";

    static final String BINARY = "vllm";

    /** vLLM's {@code --kv-cache-dtype} choices; "auto" (the model's dtype) when unset. */
    public static final KvCacheChoices KV_CACHE = new KvCacheChoices(List.of("auto", "fp8", "fp8_e4m3", "fp8_e5m2"), "auto");

    private static final Set<ProfileKnob> KNOBS = Collections.unmodifiableSet(EnumSet.of(ProfileKnob.MODEL,
            ProfileKnob.QUANTIZATION, ProfileKnob.CTX, ProfileKnob.BATCH, ProfileKnob.PARALLEL, ProfileKnob.CACHE_TYPE_K,
            ProfileKnob.GPUS, ProfileKnob.TENSOR_PARALLEL_SIZE, ProfileKnob.PIPELINE_PARALLEL_SIZE,
            ProfileKnob.GPU_MEMORY_UTILIZATION, ProfileKnob.REPLICAS, ProfileKnob.HOST, ProfileKnob.PORT,
            ProfileKnob.EXTRA_ARGS, ProfileKnob.BINARY));

    @Override
    public EngineKind kind() {
        return EngineKind.VLLM;
    }

    @Override
    public boolean launched(DeploymentProfile profile) {
        return true;
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
        GpuServerRules.check("vLLM", p, out);
        OptionalInt perReplica = GpuLayoutRules.gpusPerReplica(p);
        long needed = (long) p.tensorParallelSize() * p.pipelineParallelSize();
        if (perReplica.isEmpty() || p.gpus().isEmpty()) {
            return;
        }
        if (needed > perReplica.getAsInt()) {
            out.add(warning("tensorParallelSize", "tensor x pipeline parallel = " + needed + " GPUs but each replica gets "
                    + perReplica.getAsInt() + ": only works across nodes of a Ray cluster"));
        } else if (needed < perReplica.getAsInt()) {
            out.add(warning("tensorParallelSize", "tensor x pipeline parallel = " + needed + " uses fewer than the "
                    + perReplica.getAsInt() + " GPUs each replica gets"));
        }
    }

    /** vLLM's max model length is per sequence. */
    @Override
    public int tokensPerSequence(DeploymentProfile p) {
        return p.ctx();
    }

    /** vLLM takes no thread count. */
    @Override
    public OptionalInt threadsPerReplica(DeploymentProfile p, int cpuCount) {
        return OptionalInt.empty();
    }

    @Override
    public List<String> argv(DeploymentProfile p, ReplicaSlice r, LaunchContext ctx) throws LaunchException {
        List<String> a = new ArrayList<>();
        a.add(ctx.binaries().resolve(p.binary(), BINARY).toString());
        a.addAll(List.of("serve", p.model(),
                "--tensor-parallel-size", Integer.toString(p.tensorParallelSize()),
                "--pipeline-parallel-size", Integer.toString(p.pipelineParallelSize())));
        if (p.quantization() != null) {
            a.addAll(List.of("--quantization", p.quantization()));
        }
        a.addAll(List.of("--kv-cache-dtype", KV_CACHE.effective(p.cacheTypeK()),
                "--max-num-seqs", Integer.toString(p.parallel()),
                "--max-num-batched-tokens", Integer.toString(p.batch()),
                "--max-model-len", Integer.toString(p.ctx()),
                "--gpu-memory-utilization", CommandLineText.number(p.gpuMemoryUtilization()),
                "--host", r.host(), "--port", Integer.toString(r.port())));
        a.addAll(p.extraArgs());
        return a;
    }

    @Override
    public HealthCheck health() {
        return HealthCheck.ok("/health");
    }

    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.of(VllmMetrics.DIALECT);
    }

    /** The key travels in the environment, never argv: vllm serve reads {@value #API_KEY_VARIABLE} when --api-key is absent (vLLM's security guide recommends it). */
    @Override
    public Map<String, String> environment(DeploymentProfile p, ReplicaSlice r) {
        return p.apiKey() == null ? Map.of() : Map.of(API_KEY_VARIABLE, p.apiKey());
    }
}
