package io.inferdeck.tuning.quality;

/** The F32 kernels of the reference forward pass. Stateless; each output element is computed in a fixed order. */
final class Tensors {
    /**
     * {@code y = W x} for a row-major {@code W} of {@code y.length} rows of {@code x.length} values. Runs on the
     * caller's thread only: no hidden global pool (threads belong to the composition root).
     */
    static void matVec(float[] w, float[] x, float[] y) {
        int cols = x.length;
        for (int r = 0; r < y.length; r++) {
            y[r] = dot(w, r * cols, x, cols);
        }
    }

    static float dot(float[] w, int off, float[] x, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += w[off + i] * x[i];
            s1 += w[off + i + 1] * x[i + 1];
            s2 += w[off + i + 2] * x[i + 2];
            s3 += w[off + i + 3] * x[i + 3];
        }
        for (; i < n; i++) {
            s0 += w[off + i] * x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** llama.cpp's RMSNorm: {@code x / sqrt(mean(x²) + eps)}, then scaled element-wise by {@code weight}. */
    static void rmsNorm(float[] x, float[] weight, float eps, float[] out) {
        double ss = 0;
        for (float v : x) {
            ss += (double) v * v;
        }
        float scale = (float) (1.0 / Math.sqrt(ss / x.length + eps));
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale * weight[i];
        }
    }

    /** Natural-log softmax of {@code logits} into a new array, computed in double for stable sums. */
    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - logZ;
        }
        return out;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static float silu(float x) {
        return x / (1f + (float) Math.exp(-x));
    }
}
