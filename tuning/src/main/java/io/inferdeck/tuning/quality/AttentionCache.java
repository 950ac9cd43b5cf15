package io.inferdeck.tuning.quality;

/**
 * Causal self-attention with a key/value cache for one sequence, as llama.cpp computes it for arch
 * "llama": RoPE in NORM mode (rotating ADJACENT pairs {@code (2i, 2i+1)} of each head's first
 * {@code ropeDims} dimensions by {@code pos · base^(-2i/ropeDims)}), scores scaled by {@code 1/sqrt(headDim)},
 * and grouped-query attention where query head {@code h} reads kv head {@code h / (heads / kvHeads)}
 * (ggml's broadcast in mul_mat). Keys are cached after rotation. Not thread-safe: one sequence, one thread.
 */
final class AttentionCache {
    private final LlamaConfig c;
    private final float[][] keys;     // [layer][pos * kvDim + ...]
    private final float[][] values;
    private final float[] cos;
    private final float[] sin;
    private final int capacity;

    AttentionCache(LlamaConfig c, int capacity) {
        this.c = c;
        this.capacity = capacity;
        keys = new float[c.layers()][capacity * c.kvDim()];
        values = new float[c.layers()][capacity * c.kvDim()];
        cos = new float[c.ropeDims() / 2];
        sin = new float[c.ropeDims() / 2];
    }

    int capacity() {
        return capacity;
    }

    /** Rotates one vector of {@code nHeads} heads in place for position {@code pos}. */
    void rope(float[] v, int nHeads, int pos) {
        for (int i = 0; i < cos.length; i++) {
            // ggml computes theta = pos * base^(-2i/n_dims) by repeated multiplication in float; double here
            // differs in the last bits only.
            double theta = pos * Math.pow(c.ropeBase(), -2.0 * i / c.ropeDims());
            cos[i] = (float) Math.cos(theta);
            sin[i] = (float) Math.sin(theta);
        }
        for (int h = 0; h < nHeads; h++) {
            int base = h * c.headDim();
            for (int i = 0; i < cos.length; i++) {
                float x0 = v[base + 2 * i];
                float x1 = v[base + 2 * i + 1];
                v[base + 2 * i] = x0 * cos[i] - x1 * sin[i];
                v[base + 2 * i + 1] = x0 * sin[i] + x1 * cos[i];
            }
        }
    }

    /**
     * Stores the (already rotated) key and the value of position {@code pos} in {@code layer} and writes the
     * attention output of query {@code q} over positions 0..pos into {@code out} (length embedding).
     */
    void attend(int layer, int pos, float[] q, float[] k, float[] v, float[] out) {
        int kvDim = c.kvDim();
        int hd = c.headDim();
        System.arraycopy(k, 0, keys[layer], pos * kvDim, kvDim);
        System.arraycopy(v, 0, values[layer], pos * kvDim, kvDim);
        float[] scores = new float[pos + 1];
        float scale = (float) (1.0 / Math.sqrt(hd));
        int group = c.heads() / c.kvHeads();
        for (int h = 0; h < c.heads(); h++) {
            int kvOff = (h / group) * hd;
            float max = Float.NEGATIVE_INFINITY;
            for (int t = 0; t <= pos; t++) {
                float s = 0;
                int ko = t * kvDim + kvOff;
                for (int i = 0; i < hd; i++) {
                    s += q[h * hd + i] * keys[layer][ko + i];
                }
                scores[t] = s * scale;
                max = Math.max(max, scores[t]);
            }
            double sum = 0;
            for (int t = 0; t <= pos; t++) {
                scores[t] = (float) Math.exp(scores[t] - max);
                sum += scores[t];
            }
            for (int i = 0; i < hd; i++) {
                out[h * hd + i] = 0;
            }
            for (int t = 0; t <= pos; t++) {
                float p = (float) (scores[t] / sum);
                int vo = t * kvDim + kvOff;
                for (int i = 0; i < hd; i++) {
                    out[h * hd + i] += p * values[layer][vo + i];
                }
            }
        }
    }
}
