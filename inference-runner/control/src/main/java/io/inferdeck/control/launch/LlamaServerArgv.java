package io.inferdeck.control.launch;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.KvCacheTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * llama.cpp's {@code llama-server}. Flash attention is rendered as {@code -fa on|off}: llama.cpp
 * builds from late August 2025 on take a value there (default auto), so we say what the profile
 * means instead of inheriting "auto"; older builds, where {@code -fa} was a bare switch, need
 * upgrading. {@code --metrics} is always on: it is how the
 * console measures the engine.
 */
final class LlamaServerArgv implements EngineArgv {
    static final String BINARY = "llama-server";

    @Override
    public List<String> argv(DeploymentProfile p, ReplicaSlice r, LaunchContext ctx) throws LaunchException {
        List<String> a = new ArrayList<>();
        a.add(ctx.binaries().resolve(p.binary(), BINARY).toString());
        a.addAll(List.of("-m", p.model(), "-c", Integer.toString(p.ctx()), "-b", Integer.toString(p.batch()),
                "-ub", Integer.toString(p.ubatch()), "-np", Integer.toString(p.parallel()),
                "-ctk", KvCacheTypes.effective(p.engine(), p.cacheTypeK()),
                "-ctv", KvCacheTypes.effective(p.engine(), p.cacheTypeV()),
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
        if (p.apiKey() != null) {
            a.addAll(List.of("--api-key", p.apiKey()));
        }
        a.addAll(p.extraArgs());
        return a;
    }
}
