package io.inferdeck.control.launch;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.KvCacheTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java [jvmOptions] -cp CP io.inferdeck.runner.RunnerMain --flags}: the runner CLI fixed in
 * the brief. Optional knobs (model, api key, threads, tensor split, mlock, no-mmap, queue) are
 * passed only when set, so the runner's own defaults apply otherwise (no --model = default model).
 */
final class BuiltinArgv implements EngineArgv {
    static final String MAIN_CLASS = "io.inferdeck.runner.RunnerMain";

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
        if (p.apiKey() != null) {
            a.addAll(List.of("--api-key", p.apiKey()));
        }
        r.threads().ifPresent(t -> a.addAll(List.of("--threads", Integer.toString(t))));
        a.addAll(List.of("--ctx", Integer.toString(p.ctx()), "--batch", Integer.toString(p.batch()),
                "--ubatch", Integer.toString(p.ubatch()), "--parallel", Integer.toString(p.parallel()),
                "--cache-type-k", KvCacheTypes.effective(p.engine(), p.cacheTypeK()),
                "--cache-type-v", KvCacheTypes.effective(p.engine(), p.cacheTypeV())));
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
}
