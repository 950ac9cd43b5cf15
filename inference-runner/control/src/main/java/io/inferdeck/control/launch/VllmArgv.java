package io.inferdeck.control.launch;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.KvCacheTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vllm serve MODEL ...}. Profile knobs map as: parallel -> --max-num-seqs (concurrent
 * sequences), batch -> --max-num-batched-tokens (tokens per scheduler step), ctx -> --max-model-len
 * (per sequence: vLLM does not divide it among sequences), cacheTypeK -> --kv-cache-dtype.
 * Tensor x pipeline parallel beyond one machine's GPUs needs a Ray cluster started beforehand.
 */
final class VllmArgv implements EngineArgv {
    static final String BINARY = "vllm";

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
        a.addAll(List.of("--kv-cache-dtype", KvCacheTypes.effective(p.engine(), p.cacheTypeK()),
                "--max-num-seqs", Integer.toString(p.parallel()),
                "--max-num-batched-tokens", Integer.toString(p.batch()),
                "--max-model-len", Integer.toString(p.ctx()),
                "--gpu-memory-utilization", CommandLineText.number(p.gpuMemoryUtilization()),
                "--host", r.host(), "--port", Integer.toString(r.port())));
        if (p.apiKey() != null) {
            a.addAll(List.of("--api-key", p.apiKey()));
        }
        a.addAll(p.extraArgs());
        return a;
    }
}
