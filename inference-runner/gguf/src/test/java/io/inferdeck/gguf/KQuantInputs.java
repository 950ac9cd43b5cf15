package io.inferdeck.gguf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded test rows (whole super-blocks) that exercise the k-quant searches' edge cases: Gaussian rows over
 * ten decades of scale, rows with an offset (all-positive/all-negative sub-blocks), sparse outliers 1000×
 * the rest (extreme range within a block), all-zero, constant positive/negative, tiny values whose fp16
 * scales underflow, and large values whose fp16 scales overflow.
 */
final class KQuantInputs {
    private KQuantInputs() {
    }

    static List<float[]> rows(long seed, int count, int length) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        rows.add(new float[length]);
        rows.add(filled(length, 0.37f));
        rows.add(filled(length, -3e-3f));
        rows.add(gaussian(rnd, length, 1e-9, 0));         // fp16 scales underflow to zero / subnormals
        rows.add(gaussian(rnd, length, 3e5, 0));          // fp16 scales overflow
        for (int i = 0; i < count; i++) {
            double scale = Math.pow(10, rnd.nextInt(-6, 5));
            float[] x = gaussian(rnd, length, scale, i % 3 == 0 ? scale : 0);
            if (i % 4 == 1) {
                for (int j = rnd.nextInt(97); j < length; j += 97) x[j] *= 1000;
            }
            if (i % 5 == 2) {
                for (int j = 0; j < length / 2; j++) x[j] = Math.abs(x[j]);
            }
            rows.add(x);
        }
        return rows;
    }

    private static float[] filled(int n, float v) {
        float[] x = new float[n];
        Arrays.fill(x, v);
        return x;
    }

    private static float[] gaussian(SplittableRandom rnd, int n, double scale, double offset) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * scale + offset);
        return x;
    }
}
