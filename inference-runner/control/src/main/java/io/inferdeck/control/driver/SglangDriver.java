package io.inferdeck.control.driver;

import static io.inferdeck.control.profile.ProfileIssue.error;

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
 * {@code python3 -m sglang.launch_server ...} (flags from SGLang's server arguments reference). Profile knobs
 * map as: model -> --model-path, tensorParallelSize -> --tp-size, the replica's GPUs / tp -> --dp-size
 * (SGLang's in-process data parallelism; 1 without a GPU list), gpuMemoryUtilization ->
 * --mem-fraction-static, parallel -> --max-running-requests, batch -> --chunked-prefill-size, ctx ->
 * --context-length (per sequence), cacheTypeK -> --kv-cache-dtype (one dtype for K and V), quantization ->
 * --quantization; --enable-metrics always (the {@code sglang:} names of {@link SglangMetrics}). The
 * interpreter is {@code binary} (e.g. a virtualenv's python) or {@code python3} on PATH. {@code /health}
 * answers 200 once the server serves.
 *
 * <p>API key: SGLang reads it only from {@code --api-key} (its documented flag; it documents no environment
 * variable for it), and argv is visible to every local user. So with a key the interpreter runs a one-line
 * bootstrap ({@link #BOOTSTRAP}) that moves {@value #KEY_VARIABLE} from its environment into the module's
 * own {@code sys.argv}, which the OS process table never shows, then runs {@code sglang.launch_server}.
 */
public final class SglangDriver implements EngineDriver {
    static final String BINARY = "python3";
    static final String MODULE = "sglang.launch_server";
    static final String KEY_VARIABLE = "INFERDECK_SGLANG_API_KEY";
    static final String BOOTSTRAP = "import os,runpy,sys; sys.argv[1:1]=['--api-key',os.environ.pop('" + KEY_VARIABLE
            + "')]; runpy.run_module('" + MODULE + "',run_name='__main__',alter_sys=True)";

    /** SGLang's {@code --kv-cache-dtype} choices; "auto" (the model's dtype) when unset. */
    public static final KvCacheChoices KV_CACHE = new KvCacheChoices(List.of("auto", "fp8_e5m2", "fp8_e4m3"), "auto");

    private static final Set<ProfileKnob> KNOBS = Collections.unmodifiableSet(EnumSet.of(ProfileKnob.MODEL,
            ProfileKnob.QUANTIZATION, ProfileKnob.CTX, ProfileKnob.BATCH, ProfileKnob.PARALLEL, ProfileKnob.CACHE_TYPE_K,
            ProfileKnob.GPUS, ProfileKnob.TENSOR_PARALLEL_SIZE, ProfileKnob.GPU_MEMORY_UTILIZATION, ProfileKnob.REPLICAS,
            ProfileKnob.HOST, ProfileKnob.PORT, ProfileKnob.EXTRA_ARGS, ProfileKnob.BINARY));

    @Override
    public EngineKind kind() {
        return new EngineKind("sglang");
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
        GpuServerRules.check("SGLang", p, out);
        OptionalInt perReplica = GpuLayoutRules.gpusPerReplica(p);
        if (perReplica.isPresent() && !p.gpus().isEmpty() && p.tensorParallelSize() >= 1
                && perReplica.getAsInt() % p.tensorParallelSize() != 0) {
            out.add(error("tensorParallelSize", "each replica's " + perReplica.getAsInt() + " GPU(s) cannot be split into "
                    + "data-parallel groups of tensorParallelSize = " + p.tensorParallelSize()));
        }
    }

    /** Data-parallel groups inside one replica: its GPUs over the tensor parallel size; 1 without a GPU list. */
    static int dataParallel(DeploymentProfile p) {
        OptionalInt perReplica = GpuLayoutRules.gpusPerReplica(p);
        return p.gpus().isEmpty() || perReplica.isEmpty() ? 1 : Math.max(1, perReplica.getAsInt() / p.tensorParallelSize());
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
        List<String> a = new ArrayList<>();
        a.add(ctx.binaries().resolve(p.binary(), BINARY).toString());
        a.addAll(p.apiKey() == null ? List.of("-m", MODULE) : List.of("-c", BOOTSTRAP));
        a.addAll(List.of("--model-path", p.model(),
                "--tp-size", Integer.toString(p.tensorParallelSize()),
                "--dp-size", Integer.toString(dataParallel(p)),
                "--mem-fraction-static", CommandLineText.number(p.gpuMemoryUtilization()),
                "--max-running-requests", Integer.toString(p.parallel()),
                "--chunked-prefill-size", Integer.toString(p.batch()),
                "--context-length", Integer.toString(p.ctx()),
                "--kv-cache-dtype", KV_CACHE.effective(p.cacheTypeK())));
        if (p.quantization() != null) {
            a.addAll(List.of("--quantization", p.quantization()));
        }
        a.addAll(List.of("--enable-metrics", "--host", r.host(), "--port", Integer.toString(r.port())));
        a.addAll(p.extraArgs());
        return a;
    }

    @Override
    public Map<String, String> environment(DeploymentProfile p, ReplicaSlice r) {
        return p.apiKey() == null ? Map.of() : Map.of(KEY_VARIABLE, p.apiKey());
    }

    @Override
    public HealthCheck health() {
        return HealthCheck.ok("/health");
    }

    @Override
    public Optional<MetricsDialect> metrics() {
        return Optional.of(SglangMetrics.DIALECT);
    }
}
