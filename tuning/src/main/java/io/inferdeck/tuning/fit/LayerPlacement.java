package io.inferdeck.tuning.fit;

import java.util.List;

/**
 * Which device holds each layer, reproducing llama.cpp's {@code load_tensors}: the output layer counts as
 * layer {@code n_layer}; with {@code --gpu-layers k} the LAST k of the n+1 layers go to GPUs (so k = n
 * leaves block 0 on the CPU); layer il goes to the first GPU whose cumulative split share exceeds
 * (il - first)/offloaded, computed in float as llama.cpp does. Token embeddings always stay on the CPU.
 * Device -1 is the CPU. ROW mode places layers the same way (its matrices are then spread by rows).
 */
final class LayerPlacement {
    static final int CPU = -1;

    private LayerPlacement() {
    }

    /** Device of layers 0..n-1 and, at index n, of the output layer. */
    static int[] place(int layers, FitSettings s, float[] cumulativeSplit) {
        int gpus = cumulativeSplit.length;
        int requested = s.gpuLayers() < 0 ? layers + 1 : s.gpuLayers();
        int start = Math.max(layers + 1 - requested, 0);
        int offloaded = gpus == 0 ? 0 : Math.min(requested, layers + 1);
        int[] device = new int[layers + 1];
        for (int il = 0; il <= layers; il++) {
            if (il < start || il - start >= offloaded) {
                device[il] = CPU;
            } else if (s.splitMode() == SplitMode.NONE) {
                device[il] = s.mainGpu(); // llama.cpp keeps only the main GPU in its device list
            } else {
                device[il] = upperBound(cumulativeSplit, (float) (il - start) / offloaded);
            }
        }
        return device;
    }

    /** Cumulative, normalised split points: from --tensor-split, else proportional to free memory. */
    static float[] cumulativeSplit(List<Double> tensorSplit, List<Long> freeBytes) {
        int n = freeBytes.size();
        float[] splits = new float[n];
        boolean given = tensorSplit.stream().anyMatch(p -> p > 0);
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += given ? (i < tensorSplit.size() ? tensorSplit.get(i).floatValue() : 0f) : (float) freeBytes.get(i);
            splits[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            splits[i] = sum > 0 ? splits[i] / sum : (float) (i + 1) / n;
        }
        return splits;
    }

    /** Share of each GPU in a row split: the differences of the cumulative split points. */
    static double[] shares(float[] cumulative) {
        double[] share = new double[cumulative.length];
        for (int i = 0; i < cumulative.length; i++) {
            share[i] = cumulative[i] - (i == 0 ? 0f : cumulative[i - 1]);
        }
        return share;
    }

    private static int upperBound(float[] sorted, float x) {
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] > x) {
                return i;
            }
        }
        return sorted.length - 1; // x == 1.0 cannot happen (il - start < offloaded), but stay in range
    }
}
