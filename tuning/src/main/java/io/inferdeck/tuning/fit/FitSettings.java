package io.inferdeck.tuning.fit;

import io.inferdeck.gguf.GgmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment knobs that decide memory, named as llama.cpp's flags. Defaults are llama.cpp's
 * (ctx 4096, batch 2048, ubatch 512, F16 KV cache, all layers offloaded, layer split, main GPU 0).
 *
 * @param contextTotal   {@code --ctx}: KV cache size in tokens, TOTAL across slots (each of the
 *                       {@code parallel} slots gets contextTotal / parallel)
 * @param gpuLayers      {@code --gpu-layers}; negative means all (layers + output)
 * @param tensorSplit    {@code --tensor-split} proportions per GPU; empty means "by free memory" as llama.cpp does
 * @param runtimeOverheadBytes per GPU that holds anything: CUDA context and cuBLAS workspace, which no
 *                       llama.cpp buffer reports (typically 200–500 MiB depending on driver and GPU)
 */
public record FitSettings(int contextTotal, int parallel, int batch, int ubatch, GgmlType cacheTypeK,
                          GgmlType cacheTypeV, boolean flashAttention, int gpuLayers, SplitMode splitMode,
                          List<Double> tensorSplit, int mainGpu, boolean offloadKv, long runtimeOverheadBytes) {

    public static final long DEFAULT_RUNTIME_OVERHEAD = 256L << 20;

    public FitSettings {
        tensorSplit = List.copyOf(tensorSplit);
        if (contextTotal <= 0 || parallel <= 0 || batch <= 0 || ubatch <= 0 || mainGpu < 0 || runtimeOverheadBytes < 0) {
            throw new IllegalArgumentException("ctx, parallel, batch, ubatch must be positive; main GPU and overhead non-negative");
        }
        if (tensorSplit.stream().anyMatch(p -> p < 0 || p.isNaN())) {
            throw new IllegalArgumentException("tensor split proportions must be non-negative: " + tensorSplit);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Tokens of context each slot gets. */
    public int contextPerSlot() {
        return contextTotal / parallel;
    }

    /** Tokens one compute step processes at most: the micro-batch, capped by batch and context. */
    public int stepTokens() {
        return Math.min(Math.min(ubatch, batch), contextTotal);
    }

    public static final class Builder {
        private int contextTotal = 4096, parallel = 1, batch = 2048, ubatch = 512, gpuLayers = -1, mainGpu;
        private GgmlType cacheTypeK = GgmlType.F16, cacheTypeV = GgmlType.F16;
        private boolean flashAttention, offloadKv = true;
        private SplitMode splitMode = SplitMode.LAYER;
        private List<Double> tensorSplit = new ArrayList<>();
        private long runtimeOverheadBytes = DEFAULT_RUNTIME_OVERHEAD;

        public Builder context(int total) { this.contextTotal = total; return this; }
        public Builder parallel(int slots) { this.parallel = slots; return this; }
        public Builder batch(int batch) { this.batch = batch; return this; }
        public Builder ubatch(int ubatch) { this.ubatch = ubatch; return this; }
        public Builder cacheTypes(GgmlType k, GgmlType v) { this.cacheTypeK = k; this.cacheTypeV = v; return this; }
        public Builder flashAttention(boolean on) { this.flashAttention = on; return this; }
        public Builder gpuLayers(int n) { this.gpuLayers = n; return this; }
        public Builder splitMode(SplitMode mode) { this.splitMode = mode; return this; }
        public Builder tensorSplit(List<Double> proportions) { this.tensorSplit = new ArrayList<>(proportions); return this; }
        public Builder mainGpu(int index) { this.mainGpu = index; return this; }
        public Builder offloadKv(boolean on) { this.offloadKv = on; return this; }
        public Builder runtimeOverhead(long bytes) { this.runtimeOverheadBytes = bytes; return this; }

        public FitSettings build() {
            return new FitSettings(contextTotal, parallel, batch, ubatch, cacheTypeK, cacheTypeV, flashAttention,
                    gpuLayers, splitMode, tensorSplit, mainGpu, offloadKv, runtimeOverheadBytes);
        }
    }
}
