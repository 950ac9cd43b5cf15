package io.inferdeck.tuning.fit;

import io.inferdeck.gguf.GgmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates where a model's memory goes before launching it: weights per GPU (layer split with
 * {@code --gpu-layers} and {@code --tensor-split}, or row split), KV cache, compute buffers (see
 * {@link ComputeBuffers}) and a per-GPU runtime overhead, judged against each GPU's free bytes.
 *
 * <p>KV cache: llama.cpp's {@code --ctx} is the TOTAL over all slots, so per layer it holds
 * ctx × kv_heads × head_dim elements for K and for V, whatever {@code --parallel} is; each cache lives on
 * its layer's device (host when {@code offloadKv} is off). Pure function of its inputs; thread-safe.
 */
public final class MemoryFitEstimator {
    private MemoryFitEstimator() {
    }

    /**
     * @param gpuFreeBytes free memory per GPU, in device order; empty for a CPU-only machine
     * @throws IllegalArgumentException for settings that name GPUs that are not there
     */
    public static MemoryEstimate estimate(ModelShape m, FitSettings s, List<Long> gpuFreeBytes) {
        int n = gpuFreeBytes.size();
        if (n > 0 && s.mainGpu() >= n) {
            throw new IllegalArgumentException("main GPU " + s.mainGpu() + " does not exist (" + n + " GPUs)");
        }
        if (!s.tensorSplit().isEmpty() && s.tensorSplit().size() != n) {
            throw new IllegalArgumentException("tensor split has " + s.tensorSplit().size() + " entries for " + n + " GPUs");
        }
        float[] split = LayerPlacement.cumulativeSplit(s.tensorSplit(), gpuFreeBytes);
        double[] rowShare = LayerPlacement.shares(split);
        int[] device = LayerPlacement.place(m.layers(), s, split);
        long[] weights = new long[n], kv = new long[n];
        int[] layersOn = new int[n];
        long hostWeights = m.inputBytes(), hostKv = 0, kvTotal = 0;
        int offloaded = 0;
        for (int il = 0; il <= m.layers(); il++) {
            boolean output = il == m.layers();
            long matrix = output ? m.outputMatrixBytes() : m.layerMatrixBytes()[il];
            long other = output ? m.outputOtherBytes() : m.layerOtherBytes()[il];
            long cache = output ? 0 : kvBytes(m, s, il);
            kvTotal += cache;
            int d = device[il];
            if (d == LayerPlacement.CPU) {
                hostWeights += matrix + other;
                hostKv += cache;
                continue;
            }
            offloaded++;
            layersOn[d] += output ? 0 : 1;
            if (s.splitMode() == SplitMode.ROW) {
                for (int g = 0; g < n; g++) {
                    weights[g] += Math.round(matrix * rowShare[g]);
                }
                weights[d] += other;
            } else {
                weights[d] += matrix + other;
            }
            if (s.offloadKv()) kv[d] += cache; else hostKv += cache;
        }
        int outputDevice = device[m.layers()];
        List<GpuMemory> gpus = new ArrayList<>();
        FitVerdict worst = FitVerdict.FITS;
        for (int g = 0; g < n; g++) {
            boolean used = weights[g] > 0 || kv[g] > 0 || layersOn[g] > 0 || outputDevice == g;
            long compute = ComputeBuffers.forDevice(m, s, layersOn[g] > 0, outputDevice == g);
            long overhead = used ? s.runtimeOverheadBytes() : 0;
            long total = weights[g] + kv[g] + compute + overhead;
            FitVerdict v = FitVerdict.of(total, gpuFreeBytes.get(g));
            worst = worst.worse(v);
            gpus.add(new GpuMemory(g, gpuFreeBytes.get(g), weights[g], kv[g], compute, overhead, layersOn[g], outputDevice == g, v));
        }
        boolean cpuLayers = offloaded < m.layers() + 1;
        long hostCompute = cpuLayers ? ComputeBuffers.forDevice(m, s, true, outputDevice == LayerPlacement.CPU) : 0;
        return new MemoryEstimate(gpus, hostWeights, hostKv, hostCompute, m.weightBytes(), kvTotal, offloaded,
                m.layers() + 1, s.contextPerSlot(), worst, warnings(m, s, n));
    }

    /** K and V cache bytes of one layer for the whole (total) context. */
    static long kvBytes(ModelShape m, FitSettings s, int il) {
        long heads = m.kvHeads()[il];
        return s.cacheTypeK().bytesFor(s.contextTotal() * heads * m.keyLength())
                + s.cacheTypeV().bytesFor(s.contextTotal() * heads * m.valueLength());
    }

    private static List<String> warnings(ModelShape m, FitSettings s, int gpus) {
        List<String> w = new ArrayList<>();
        if (s.cacheTypeV().quantized() && !s.flashAttention()) {
            w.add("a quantized V cache (" + s.cacheTypeV() + ") needs flash attention; llama.cpp will refuse this context");
        }
        if (m.trainedContext() > 0 && s.contextPerSlot() > m.trainedContext()) {
            w.add("context per slot " + s.contextPerSlot() + " exceeds the model's trained context " + m.trainedContext());
        }
        if (s.contextTotal() % s.parallel() != 0) {
            w.add("ctx " + s.contextTotal() + " is not a multiple of parallel " + s.parallel() + "; each slot gets " + s.contextPerSlot());
        }
        if (gpus == 0 && s.gpuLayers() != 0) {
            w.add("no GPU: every layer stays in host memory");
        }
        for (GgmlType t : List.of(s.cacheTypeK(), s.cacheTypeV())) {
            if (m.keyLength() % t.blockSize() != 0 || m.valueLength() % t.blockSize() != 0) {
                w.add("head size is not a multiple of " + t + "'s block size; llama.cpp cannot use that cache type");
            }
        }
        return w;
    }
}
