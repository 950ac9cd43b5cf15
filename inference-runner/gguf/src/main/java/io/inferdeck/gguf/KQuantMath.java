package io.inferdeck.gguf;

/**
 * The scale searches shared by ggml's k-quant reference quantizers (ggml-quants.c: nearest_int,
 * make_qx_quants, make_q3_quants, make_qkx2_quants). Every sum is single precision and accumulated in
 * ggml's element order, because the chosen codes depend on the last bit of those sums: reordering them
 * would change the bytes written. Stateless.
 */
final class KQuantMath {
    /** A group whose largest magnitude is below this is treated as all zero (ggml's GROUP_MAX_EPS). */
    static final float GROUP_MAX_EPS = 1e-15f;

    private KQuantMath() {
    }

    /**
     * ggml's nearest_int: adds 1.5·2^23 and reads the mantissa, i.e. rounds half to even for |v| ≤ 2^22.
     * Out of that range (which ggml asserts never happens) the same bits come out as in C.
     */
    static int nearestInt(float v) {
        return (Float.floatToRawIntBits(v + 12582912f) & 0x007fffff) - 0x00400000;
    }

    /** The value an fp16 field will hold: the reference requantizes against the stored, rounded scale. */
    static float viaFp16(float v) {
        return Float.float16ToFloat(Float.floatToFloat16(v));
    }

    /**
     * Symmetric codes in [0, 2·nmax) for {@code n} values with weights x² (make_qx_quants, rmse_type 1,
     * no importance weights): tries 19 scales around nmax/max and keeps the one with the least weighted
     * squared error. Returns the scale; {@code L} receives the codes (offset by nmax).
     */
    static float symmetricWeighted(float[] x, int xo, int n, int nmax, byte[] l, int lo) {
        float max = signedAbsMax(x, xo, n);
        if (Math.abs(max) < GROUP_MAX_EPS) {
            java.util.Arrays.fill(l, lo, lo + n, (byte) 0);
            return 0f;
        }
        float iscale = -nmax / max;
        float[] sums = new float[2];
        weightedSums(x, xo, n, nmax, iscale, sums);
        fillSymmetric(x, xo, n, nmax, iscale, l, lo);
        float scale = sums[1] != 0f ? sums[0] / sums[1] : 0f;
        float best = scale * sums[0];
        for (int step = -9; step <= 9; step++) {
            if (step == 0) {
                continue;
            }
            float trial = -(nmax + 0.1f * step) / max;
            weightedSums(x, xo, n, nmax, trial, sums);
            if (sums[1] > 0 && sums[0] * sums[0] > best * sums[1]) {
                fillSymmetric(x, xo, n, nmax, trial, l, lo);
                scale = sums[0] / sums[1];
                best = scale * sums[0];
            }
        }
        return scale;
    }

    private static void weightedSums(float[] x, int xo, int n, int nmax, float iscale, float[] sums) {
        float sumlx = 0f;
        float suml2 = 0f;
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            int q = clamp(nearestInt(iscale * v), -nmax, nmax - 1);
            float w = v * v;
            sumlx += w * v * q;
            suml2 += w * q * q;
        }
        sums[0] = sumlx;
        sums[1] = suml2;
    }

    private static void fillSymmetric(float[] x, int xo, int n, int nmax, float iscale, byte[] l, int lo) {
        for (int i = 0; i < n; i++) {
            l[lo + i] = (byte) (nmax + clamp(nearestInt(iscale * x[xo + i]), -nmax, nmax - 1));
        }
    }

    /**
     * Symmetric codes for Q3_K's sub-blocks (make_q3_quants with rmse): start from nmax/max, then up to five
     * passes that move single codes when that lowers the x²-weighted error. Codes end in [0, 2·nmax).
     */
    static float symmetricRefined(float[] x, int xo, int n, int nmax, byte[] l, int lo) {
        float max = signedAbsMax(x, xo, n);
        if (Math.abs(max) < GROUP_MAX_EPS) {
            java.util.Arrays.fill(l, lo, lo + n, (byte) 0);
            return 0f;
        }
        float iscale = -nmax / max;
        float sumlx = 0f;
        float suml2 = 0f;
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            int q = clamp(nearestInt(iscale * v), -nmax, nmax - 1);
            l[lo + i] = (byte) q;
            float w = v * v;
            sumlx += w * v * q;
            suml2 += w * q * q;
        }
        for (int pass = 0; pass < 5; pass++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                float v = x[xo + i];
                float w = v * v;
                int cur = l[lo + i];
                float slx = sumlx - w * v * cur;
                if (slx > 0) {
                    float sl2 = suml2 - w * cur * cur;
                    int q = clamp(nearestInt(v * sl2 / slx), -nmax, nmax - 1);
                    if (q != cur) {
                        slx += w * v * q;
                        sl2 += w * q * q;
                        if (sl2 > 0 && slx * slx * suml2 > sumlx * sumlx * sl2) {
                            l[lo + i] = (byte) q;
                            sumlx = slx;
                            suml2 = sl2;
                            changed = true;
                        }
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            l[lo + i] += (byte) nmax;
        }
        return suml2 > 0f ? sumlx / suml2 : 0f;
    }

    /** Search parameters of {@link #affine}: candidate inverse scales (nmax + rmin + rdelta·k)/(max − min), k = 0..steps. */
    record AffineSearch(int nmax, float rmin, float rdelta, int steps, boolean absoluteError) {
    }

    /**
     * Codes in [0, nmax] with a scale and a non-positive offset (make_qkx2_quants): for each candidate scale,
     * the least-squares scale and offset of the rounded codes; keeps the candidate with the least weighted
     * error (absolute or squared). Returns the scale; {@code minOut[0]} gets −offset (≥ 0).
     */
    static float affine(float[] x, int xo, int n, float[] weights, AffineSearch s, byte[] l, int lo, float[] minOut) {
        float min = x[xo];
        float max = x[xo];
        float sumW = weights[0];
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; i++) {
            float v = x[xo + i];
            if (v < min) min = v;
            if (v > max) max = v;
            sumW += weights[i];
            sumX += weights[i] * v;
        }
        if (min > 0) min = 0;
        if (max == min) {
            java.util.Arrays.fill(l, lo, lo + n, (byte) 0);
            minOut[0] = -min;
            return 0f;
        }
        float iscale = s.nmax() / (max - min);
        float scale = 1 / iscale;
        float bestError = 0f;
        for (int i = 0; i < n; i++) {
            int q = clamp(nearestInt(iscale * (x[xo + i] - min)), 0, s.nmax());
            l[lo + i] = (byte) q;
            bestError += weights[i] * error(scale * q + min - x[xo + i], s.absoluteError());
        }
        byte[] trial = new byte[n];
        for (int step = 0; step <= s.steps(); step++) {
            iscale = (s.rmin() + s.rdelta() * step + s.nmax()) / (max - min);
            float sumL = 0f, sumL2 = 0f, sumXL = 0f;
            for (int i = 0; i < n; i++) {
                int q = clamp(nearestInt(iscale * (x[xo + i] - min)), 0, s.nmax());
                trial[i] = (byte) q;
                float w = weights[i];
                sumL += w * q;
                sumL2 += w * q * q;
                sumXL += w * q * x[xo + i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float err = 0f;
                for (int i = 0; i < n; i++) {
                    err += weights[i] * error(thisScale * trial[i] + thisMin - x[xo + i], s.absoluteError());
                }
                if (err < bestError) {
                    System.arraycopy(trial, 0, l, lo, n);
                    bestError = err;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        minOut[0] = -min;
        return scale;
    }

    private static float error(float diff, boolean absolute) {
        return absolute ? Math.abs(diff) : diff * diff;
    }

    /** The value with the largest magnitude, sign kept; the first one wins ties (ggml's strict {@code >}). */
    static float signedAbsMax(float[] x, int xo, int n) {
        float amax = 0f;
        float max = 0f;
        for (int i = 0; i < n; i++) {
            float a = Math.abs(x[xo + i]);
            if (a > amax) {
                amax = a;
                max = x[xo + i];
            }
        }
        return max;
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Four 2-bit codes per byte, as Q2_K and Q3_K store them: byte j/4+l of each 128-value half holds l, l+32, l+64, l+96. */
    static void packTwoBit(byte[] l, byte[] y, int qs) {
        for (int half = 0; half < 256; half += 128) {
            for (int i = 0; i < 32; i++) {
                int b = half + i;
                y[qs + half / 4 + i] = (byte) (l[b] | l[b + 32] << 2 | l[b + 64] << 4 | l[b + 96] << 6);
            }
        }
    }

    /** The 2-bit code of element {@code e} (0..255) from a {@link #packTwoBit} area. */
    static int twoBit(byte[] y, int qs, int e) {
        int within = e & 127;
        return (y[qs + (e >> 7) * 32 + (within & 31)] >> (2 * (within >> 5))) & 3;
    }
}
