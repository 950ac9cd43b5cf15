package io.inferdeck.control.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to run (or attach to) one deployment: engine, model, llama.cpp and vLLM knobs,
 * GPU layout, replicas and the bind address. Immutable; build with {@link #builder()}, which holds
 * the documented defaults (docs/profiles.md). Structural only: the constructor normalises lists
 * and rejects nulls where a value is mandatory; every semantic rule lives in
 * {@link ProfileValidator} so an editor can show all problems at once.
 *
 * <p>Units: {@code ctx}, {@code batch}, {@code ubatch} in tokens; {@code gpuMemoryUtilization} a
 * fraction 0..1; {@code threads}/{@code queue} null = engine default; {@code cacheTypeK/V} null =
 * engine default (f16 for llama.cpp, "auto" for vLLM). {@link #toString()} never shows the API key.
 */
@JsonDeserialize(builder = DeploymentProfile.Builder.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DeploymentProfile(
        EngineKind engine, String name, String model, String quantization, Integer threads,
        int ctx, int batch, int ubatch, int parallel, String cacheTypeK, String cacheTypeV,
        boolean flashAttention, boolean mlock, boolean noMmap,
        List<Integer> gpus, int gpuLayers, SplitMode splitMode, List<Double> tensorSplit, int mainGpu,
        int tensorParallelSize, int pipelineParallelSize, double gpuMemoryUtilization,
        int replicas, String host, int port, String apiKey, Integer queue,
        List<String> extraArgs, String binary, String baseUrl,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = GatewaySettings.IsDefault.class) GatewaySettings gateway) {

    public static final String DEFAULT_NAME = "default";
    public static final int DEFAULT_CTX = 2048;
    public static final int DEFAULT_BATCH = 512;
    public static final int DEFAULT_UBATCH = 512;
    public static final double DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 18080;

    public DeploymentProfile {
        Objects.requireNonNull(engine, "engine: must not be null");
        Objects.requireNonNull(splitMode, "splitMode: must not be null");
        gpus = copy("gpus", gpus);
        tensorSplit = copy("tensorSplit", tensorSplit);
        extraArgs = copy("extraArgs", extraArgs);
        gateway = gateway == null ? GatewaySettings.DEFAULTS : gateway;
    }

    private static <T> List<T> copy(String field, List<T> list) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "]: must not be null");
            }
        }
        return List.copyOf(list);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().engine(engine).name(name).model(model).quantization(quantization)
                .threads(threads).ctx(ctx).batch(batch).ubatch(ubatch).parallel(parallel)
                .cacheTypeK(cacheTypeK).cacheTypeV(cacheTypeV).flashAttention(flashAttention)
                .mlock(mlock).noMmap(noMmap).gpus(gpus).gpuLayers(gpuLayers).splitMode(splitMode)
                .tensorSplit(tensorSplit).mainGpu(mainGpu).tensorParallelSize(tensorParallelSize)
                .pipelineParallelSize(pipelineParallelSize).gpuMemoryUtilization(gpuMemoryUtilization)
                .replicas(replicas).host(host).port(port).apiKey(apiKey).queue(queue)
                .extraArgs(extraArgs).binary(binary).baseUrl(baseUrl).gateway(gateway);
    }

    /** Same as the record's, with the API key shown as {@code ****}: safe to log. */
    @Override
    public String toString() {
        String shown = apiKey == null ? "null" : "****";
        return "DeploymentProfile[engine=" + engine + ", name=" + name + ", model=" + model
                + ", quantization=" + quantization + ", threads=" + threads + ", ctx=" + ctx
                + ", batch=" + batch + ", ubatch=" + ubatch + ", parallel=" + parallel
                + ", cacheTypeK=" + cacheTypeK + ", cacheTypeV=" + cacheTypeV
                + ", flashAttention=" + flashAttention + ", mlock=" + mlock + ", noMmap=" + noMmap
                + ", gpus=" + gpus + ", gpuLayers=" + gpuLayers + ", splitMode=" + splitMode
                + ", tensorSplit=" + tensorSplit + ", mainGpu=" + mainGpu
                + ", tensorParallelSize=" + tensorParallelSize + ", pipelineParallelSize=" + pipelineParallelSize
                + ", gpuMemoryUtilization=" + gpuMemoryUtilization + ", replicas=" + replicas
                + ", host=" + host + ", port=" + port + ", apiKey=" + shown + ", queue=" + queue
                + ", extraArgs=" + extraArgs + ", binary=" + binary + ", baseUrl=" + baseUrl + ", gateway=" + gateway + "]";
    }

    /** Mutable builder pre-filled with the defaults; also the Jackson entry point (unknown fields fail). */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private EngineKind engine = EngineKind.BUILTIN;
        private String name = DEFAULT_NAME;
        private String model;
        private String quantization;
        private Integer threads;
        private int ctx = DEFAULT_CTX;
        private int batch = DEFAULT_BATCH;
        private int ubatch = DEFAULT_UBATCH;
        private int parallel = 1;
        private String cacheTypeK;
        private String cacheTypeV;
        private boolean flashAttention;
        private boolean mlock;
        private boolean noMmap;
        private List<Integer> gpus = List.of();
        private int gpuLayers;
        private SplitMode splitMode = SplitMode.LAYER;
        private List<Double> tensorSplit = List.of();
        private int mainGpu;
        private int tensorParallelSize = 1;
        private int pipelineParallelSize = 1;
        private double gpuMemoryUtilization = DEFAULT_GPU_MEMORY_UTILIZATION;
        private int replicas = 1;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String apiKey;
        private Integer queue;
        private List<String> extraArgs = List.of();
        private String binary;
        private String baseUrl;
        private GatewaySettings gateway = GatewaySettings.DEFAULTS;

        public Builder engine(EngineKind v) { engine = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder quantization(String v) { quantization = v; return this; }
        public Builder threads(Integer v) { threads = v; return this; }
        public Builder ctx(int v) { ctx = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder ubatch(int v) { ubatch = v; return this; }
        public Builder parallel(int v) { parallel = v; return this; }
        public Builder cacheTypeK(String v) { cacheTypeK = v; return this; }
        public Builder cacheTypeV(String v) { cacheTypeV = v; return this; }
        public Builder flashAttention(boolean v) { flashAttention = v; return this; }
        public Builder mlock(boolean v) { mlock = v; return this; }
        public Builder noMmap(boolean v) { noMmap = v; return this; }
        public Builder gpus(List<Integer> v) { gpus = v == null ? null : new ArrayList<>(v); return this; }
        public Builder gpuLayers(int v) { gpuLayers = v; return this; }
        public Builder splitMode(SplitMode v) { splitMode = v; return this; }
        public Builder tensorSplit(List<Double> v) { tensorSplit = v == null ? null : new ArrayList<>(v); return this; }
        public Builder mainGpu(int v) { mainGpu = v; return this; }
        public Builder tensorParallelSize(int v) { tensorParallelSize = v; return this; }
        public Builder pipelineParallelSize(int v) { pipelineParallelSize = v; return this; }
        public Builder gpuMemoryUtilization(double v) { gpuMemoryUtilization = v; return this; }
        public Builder replicas(int v) { replicas = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder queue(Integer v) { queue = v; return this; }
        public Builder extraArgs(List<String> v) { extraArgs = v == null ? null : new ArrayList<>(v); return this; }
        public Builder binary(String v) { binary = v; return this; }
        public Builder baseUrl(String v) { baseUrl = v; return this; }
        public Builder gateway(GatewaySettings v) { gateway = v; return this; }

        public DeploymentProfile build() {
            return new DeploymentProfile(engine, name, model, quantization, threads, ctx, batch, ubatch,
                    parallel, cacheTypeK, cacheTypeV, flashAttention, mlock, noMmap, gpus, gpuLayers,
                    splitMode, tensorSplit, mainGpu, tensorParallelSize, pipelineParallelSize,
                    gpuMemoryUtilization, replicas, host, port, apiKey, queue, extraArgs, binary, baseUrl, gateway);
        }
    }
}
