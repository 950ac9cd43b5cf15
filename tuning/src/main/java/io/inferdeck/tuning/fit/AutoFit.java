package io.inferdeck.tuning.fit;

import java.util.List;

/**
 * "Fit to GPUs" (what llama.cpp's {@code -fit} and LM Studio's estimate do): the most GPU layers, then the
 * largest context, that {@link MemoryFitEstimator} says fit every GPU with the stated headroom, i.e. every
 * GPU's verdict is {@link FitVerdict#FITS} (at least {@link FitVerdict#TIGHT_HEADROOM} of its free memory
 * left). Layers come first, at a floor context ({@value #FLOOR_CONTEXT} tokens in total, shared by the
 * slots and at most the model's trained context per slot), because a layer on the host costs far more speed than a shorter
 * context; the context then grows in steps of {@value #CONTEXT_STEP} tokens per slot up to the trained
 * context. The slot count ({@code parallel}) and every other knob come from {@code base}. Both searches
 * rely on memory growing with layers and with context (it does in the estimator). Pure; thread-safe.
 */
public final class AutoFit {
    /** Total context kept while layers are placed (llama.cpp's {@code -fit} keeps 4096 by default). */
    public static final int FLOOR_CONTEXT = 4096;
    /** Context granularity per slot: llama.cpp pads the KV cache to 256 tokens. */
    public static final int CONTEXT_STEP = 256;

    private AutoFit() {
    }

    /**
     * @param gpuFreeBytes free memory per GPU (NVML), device order
     * @param maxContextPerSlot upper bound per slot when the model states no trained context (0)
     */
    public static FitPlan fit(ModelShape m, FitSettings base, List<Long> gpuFreeBytes, int maxContextPerSlot) {
        int cap = m.trainedContext() > 0 ? (int) Math.min(Integer.MAX_VALUE, m.trainedContext()) : maxContextPerSlot;
        int floorSteps = Math.max(1, Math.min(FLOOR_CONTEXT / base.parallel(), cap) / CONTEXT_STEP);
        int maxSteps = Math.max(floorSteps, cap / CONTEXT_STEP);
        int totalLayers = m.layers() + 1;
        int layers = largest(0, totalLayers, n -> fits(m, with(base, n, floorSteps), gpuFreeBytes));
        int steps = largest(1, maxSteps, k -> fits(m, with(base, layers, k), gpuFreeBytes));
        FitSettings chosen = with(base, layers, steps);
        return new FitPlan(layers, chosen.contextTotal(), chosen.parallel(),
                MemoryFitEstimator.estimate(m, chosen, gpuFreeBytes));
    }

    private static FitSettings with(FitSettings s, int gpuLayers, int stepsPerSlot) {
        return new FitSettings(stepsPerSlot * CONTEXT_STEP * s.parallel(), s.parallel(), s.batch(), s.ubatch(),
                s.cacheTypeK(), s.cacheTypeV(), s.flashAttention(), gpuLayers, s.splitMode(), s.tensorSplit(),
                s.mainGpu(), s.offloadKv(), s.runtimeOverheadBytes());
    }

    private static boolean fits(ModelShape m, FitSettings s, List<Long> free) {
        return MemoryFitEstimator.estimate(m, s, free).gpus().stream().allMatch(g -> g.verdict() == FitVerdict.FITS);
    }

    /** The largest n in [lo, hi] with ok(n), by binary search over a monotone predicate; lo when none. */
    private static int largest(int lo, int hi, java.util.function.IntPredicate ok) {
        int best = lo;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ok.test(mid)) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /**
     * The chosen settings and their estimate (per-GPU weights, KV cache, compute buffers for the bar).
     *
     * @param gpuLayers    layers offloaded, of layers + 1 (the output layer counts, as in llama.cpp)
     * @param contextTotal {@code --ctx}, the total over {@code parallel} slots
     */
    public record FitPlan(int gpuLayers, int contextTotal, int parallel, MemoryEstimate estimate) {
    }
}
