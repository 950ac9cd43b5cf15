package io.inferdeck.gguf;

/**
 * Test oracle: a deliberately literal transcription of ggml's k-quant reference quantizers
 * (ggml-quants.c: quantize_row_q{2,3,4,5,6}_K_ref and their helpers), written from the C source's
 * structure — same loops, same variable roles, whole rows, byte offsets spelled out per struct field — and
 * sharing no code with the production codecs ({@code Q2KCodec} … {@code Q6KCodec}, {@code KQuantMath}),
 * which restructure the same algorithm. Float arithmetic is single precision in C's order.
 */
final class KQuantReference {
    private static final int QK_K = 256;

    private KQuantReference() {
    }

    static int nearestInt(float fval) {
        float val = fval + 12582912.f;
        int i = Float.floatToRawIntBits(val);
        return (i & 0x007fffff) - 0x00400000;
    }

    private static short fp16(float f) {
        return Float.floatToFloat16(f);
    }

    private static float fp32(byte[] y, int at) {
        return Float.float16ToFloat((short) ((y[at] & 0xFF) | (y[at + 1] << 8)));
    }

    private static void half(byte[] y, int at, short h) {
        y[at] = (byte) h;
        y[at + 1] = (byte) (h >> 8);
    }

    // make_qx_quants with rmse_type = 1 and qw = NULL (the only way the *_ref quantizers call it)
    static float makeQxQuants(int n, int nmax, float[] x, int xo, byte[] L, int lo) {
        float max = 0, amax = 0;
        for (int i = 0; i < n; ++i) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) { amax = ax; max = x[xo + i]; }
        }
        if (amax < 1e-15f) {
            for (int i = 0; i < n; ++i) L[lo + i] = 0;
            return 0.f;
        }
        float iscale = -nmax / max;
        float sumlx = 0, suml2 = 0;
        for (int i = 0; i < n; ++i) {
            int l = nearestInt(iscale * x[xo + i]);
            l = Math.max(-nmax, Math.min(nmax - 1, l));
            L[lo + i] = (byte) (l + nmax);
            float w = x[xo + i] * x[xo + i];
            sumlx += w * x[xo + i] * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; ++is) {
            if (is == 0) continue;
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = suml2 = 0;
            for (int i = 0; i < n; ++i) {
                int l = nearestInt(iscale * x[xo + i]);
                l = Math.max(-nmax, Math.min(nmax - 1, l));
                float w = x[xo + i] * x[xo + i];
                sumlx += w * x[xo + i] * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; ++i) {
                    int l = nearestInt(iscale * x[xo + i]);
                    L[lo + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    // make_q3_quants with do_rmse = true
    static float makeQ3Quants(int n, int nmax, float[] x, int xo, byte[] L, int lo) {
        float max = 0, amax = 0;
        for (int i = 0; i < n; ++i) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) { amax = ax; max = x[xo + i]; }
        }
        if (amax < 1e-15f) {
            for (int i = 0; i < n; ++i) L[lo + i] = 0;
            return 0.f;
        }
        float iscale = -nmax / max;
        float sumlx = 0, suml2 = 0;
        for (int i = 0; i < n; ++i) {
            int l = nearestInt(iscale * x[xo + i]);
            l = Math.max(-nmax, Math.min(nmax - 1, l));
            L[lo + i] = (byte) l;
            float w = x[xo + i] * x[xo + i];
            sumlx += w * x[xo + i] * l;
            suml2 += w * l * l;
        }
        for (int itry = 0; itry < 5; ++itry) {
            int nChanged = 0;
            for (int i = 0; i < n; ++i) {
                float w = x[xo + i] * x[xo + i];
                float slx = sumlx - w * x[xo + i] * L[lo + i];
                if (slx > 0) {
                    float sl2 = suml2 - w * L[lo + i] * L[lo + i];
                    int newL = nearestInt(x[xo + i] * sl2 / slx);
                    newL = Math.max(-nmax, Math.min(nmax - 1, newL));
                    if (newL != L[lo + i]) {
                        slx += w * x[xo + i] * newL;
                        sl2 += w * newL * newL;
                        if (sl2 > 0 && slx * slx * suml2 > sumlx * sumlx * sl2) {
                            L[lo + i] = (byte) newL;
                            sumlx = slx;
                            suml2 = sl2;
                            ++nChanged;
                        }
                    }
                }
            }
            if (nChanged == 0) break;
        }
        for (int i = 0; i < n; ++i) L[lo + i] += (byte) nmax;
        return suml2 > 0.0f ? sumlx / suml2 : 0.0f;
    }

    static float makeQkx2Quants(int n, int nmax, float[] x, int xo, float[] weights, byte[] L, int lo, float[] theMin,
                                byte[] Laux, float rmin, float rdelta, int nstep, boolean useMad) {
        float min = x[xo], max = x[xo];
        float sumW = weights[0];
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; ++i) {
            if (x[xo + i] < min) min = x[xo + i];
            if (x[xo + i] > max) max = x[xo + i];
            float w = weights[i];
            sumW += w;
            sumX += w * x[xo + i];
        }
        if (min > 0) min = 0;
        if (max == min) {
            for (int i = 0; i < n; ++i) L[lo + i] = 0;
            theMin[0] = -min;
            return 0.f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; ++i) {
            int l = nearestInt(iscale * (x[xo + i] - min));
            L[lo + i] = (byte) Math.max(0, Math.min(nmax, l));
            float diff = scale * L[lo + i] + min - x[xo + i];
            diff = useMad ? Math.abs(diff) : diff * diff;
            bestError += weights[i] * diff;
        }
        for (int is = 0; is <= nstep; ++is) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0, sumL2 = 0, sumXl = 0;
            for (int i = 0; i < n; ++i) {
                int l = nearestInt(iscale * (x[xo + i] - min));
                l = Math.max(0, Math.min(nmax, l));
                Laux[i] = (byte) l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXl += w * l * x[xo + i];
            }
            float D = sumW * sumL2 - sumL * sumL;
            if (D > 0) {
                float thisScale = (sumW * sumXl - sumX * sumL) / D;
                float thisMin = (sumL2 * sumX - sumL * sumXl) / D;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXl / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; ++i) {
                    float diff = thisScale * Laux[i] + thisMin - x[xo + i];
                    diff = useMad ? Math.abs(diff) : diff * diff;
                    curError += weights[i] * diff;
                }
                if (curError < bestError) {
                    for (int i = 0; i < n; ++i) L[lo + i] = Laux[i];
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin[0] = -min;
        return scale;
    }

    // get_scale_min_k4
    static int[] scaleMinK4(int j, byte[] q, int qo) {
        if (j < 4) {
            return new int[] {q[qo + j] & 63, q[qo + j + 4] & 63};
        }
        int d = (q[qo + j + 4] & 0xF) | (((q[qo + j - 4] & 0xFF) >> 6) << 4);
        int m = ((q[qo + j + 4] & 0xFF) >> 4) | (((q[qo + j] & 0xFF) >> 6) << 4);
        return new int[] {d, m};
    }

    // block_q2_K { uint8 scales[16] @0; uint8 qs[64] @16; half d @80; half dmin @82 }
    static void quantizeRowQ2K(float[] x, byte[] y, int k) {
        int nb = k / QK_K;
        byte[] L = new byte[QK_K];
        byte[] Laux = new byte[16];
        float[] weights = new float[16];
        float[] mins = new float[QK_K / 16];
        float[] scales = new float[QK_K / 16];
        float[] theMin = new float[1];
        final float q4scale = 15.f;
        for (int i = 0; i < nb; i++) {
            int xo = i * QK_K, yo = i * 84;
            float maxScale = 0, maxMin = 0;
            for (int j = 0; j < QK_K / 16; ++j) {
                for (int l = 0; l < 16; ++l) weights[l] = Math.abs(x[xo + 16 * j + l]);
                scales[j] = makeQkx2Quants(16, 3, x, xo + 16 * j, weights, L, 16 * j, theMin, Laux, -0.5f, 0.1f, 15, true);
                mins[j] = theMin[0];
                if (scales[j] > maxScale) maxScale = scales[j];
                if (mins[j] > maxMin) maxMin = mins[j];
            }
            if (maxScale > 0) {
                float iscale = q4scale / maxScale;
                for (int j = 0; j < QK_K / 16; ++j) y[yo + j] = (byte) nearestInt(iscale * scales[j]);
                half(y, yo + 80, fp16(maxScale / q4scale));
            } else {
                for (int j = 0; j < QK_K / 16; ++j) y[yo + j] = 0;
                half(y, yo + 80, fp16(0.f));
            }
            if (maxMin > 0) {
                float iscale = q4scale / maxMin;
                for (int j = 0; j < QK_K / 16; ++j) y[yo + j] |= (byte) (nearestInt(iscale * mins[j]) << 4);
                half(y, yo + 82, fp16(maxMin / q4scale));
            } else {
                half(y, yo + 82, fp16(0.f));
            }
            for (int j = 0; j < QK_K / 16; ++j) {
                float d = fp32(y, yo + 80) * (y[yo + j] & 0xF);
                if (d == 0) continue;
                float dm = fp32(y, yo + 82) * ((y[yo + j] & 0xFF) >> 4);
                for (int ii = 0; ii < 16; ++ii) {
                    int l = nearestInt((x[xo + 16 * j + ii] + dm) / d);
                    L[16 * j + ii] = (byte) Math.max(0, Math.min(3, l));
                }
            }
            for (int j = 0; j < QK_K; j += 128) {
                for (int l = 0; l < 32; ++l) {
                    y[yo + 16 + j / 4 + l] = (byte) (L[j + l] | (L[j + l + 32] << 2) | (L[j + l + 64] << 4) | (L[j + l + 96] << 6));
                }
            }
        }
    }

    // block_q3_K { uint8 hmask[32] @0; uint8 qs[64] @32; uint8 scales[12] @96; half d @108 }
    static void quantizeRowQ3K(float[] x, byte[] y, int k) {
        int nb = k / QK_K;
        byte[] L = new byte[QK_K];
        float[] scales = new float[QK_K / 16];
        for (int i = 0; i < nb; i++) {
            int xo = i * QK_K, yo = i * 110, sc0 = yo + 96;
            float maxScale = 0, amax = 0;
            for (int j = 0; j < QK_K / 16; ++j) {
                scales[j] = makeQ3Quants(16, 4, x, xo + 16 * j, L, 16 * j);
                float scale = Math.abs(scales[j]);
                if (scale > amax) { amax = scale; maxScale = scales[j]; }
            }
            for (int j = 0; j < 12; j++) y[sc0 + j] = 0;
            if (maxScale != 0) {
                float iscale = -32.f / maxScale;
                for (int j = 0; j < QK_K / 16; ++j) {
                    byte l = (byte) nearestInt(iscale * scales[j]);
                    l = (byte) (Math.max(-32, Math.min(31, l)) + 32);
                    if (j < 8) y[sc0 + j] = (byte) (l & 0xF);
                    else y[sc0 + j - 8] |= (byte) ((l & 0xF) << 4);
                    l >>= 4;
                    y[sc0 + j % 4 + 8] |= (byte) (l << (2 * (j / 4)));
                }
                half(y, yo + 108, fp16(1 / iscale));
            } else {
                half(y, yo + 108, fp16(0.f));
            }
            for (int j = 0; j < QK_K / 16; ++j) {
                int sc = j < 8 ? y[sc0 + j] & 0xF : (y[sc0 + j - 8] & 0xFF) >> 4;
                sc = (sc | ((((y[sc0 + 8 + j % 4] & 0xFF) >> (2 * (j / 4))) & 3) << 4)) - 32;
                float d = fp32(y, yo + 108) * sc;
                if (d == 0) continue;
                for (int ii = 0; ii < 16; ++ii) {
                    int l = nearestInt(x[xo + 16 * j + ii] / d);
                    L[16 * j + ii] = (byte) (Math.max(-4, Math.min(3, l)) + 4);
                }
            }
            for (int j = 0; j < 32; j++) y[yo + j] = 0;
            int m = 0, hm = 1;
            for (int j = 0; j < QK_K; ++j) {
                if (L[j] > 3) {
                    y[yo + m] |= (byte) hm;
                    L[j] -= 4;
                }
                if (++m == QK_K / 8) { m = 0; hm <<= 1; }
            }
            for (int j = 0; j < QK_K; j += 128) {
                for (int l = 0; l < 32; ++l) {
                    y[yo + 32 + j / 4 + l] = (byte) (L[j + l] | (L[j + l + 32] << 2) | (L[j + l + 64] << 4) | (L[j + l + 96] << 6));
                }
            }
        }
    }

    // block_q4_K { half d @0; half dmin @2; uint8 scales[12] @4; uint8 qs[128] @16 }
    // block_q5_K { half d @0; half dmin @2; uint8 scales[12] @4; uint8 qh[32] @16; uint8 qs[128] @48 }
    static void quantizeRowQ45K(float[] x, byte[] y, int k, boolean five) {
        int nb = k / QK_K;
        int nmax = five ? 31 : 15;
        int blockBytes = five ? 176 : 144;
        byte[] L = new byte[QK_K];
        byte[] Laux = new byte[32];
        float[] weights = new float[32];
        float[] mins = new float[QK_K / 32];
        float[] scales = new float[QK_K / 32];
        float[] theMin = new float[1];
        for (int i = 0; i < nb; i++) {
            int xo = i * QK_K, yo = i * blockBytes, s = yo + 4;
            float maxScale = 0, maxMin = 0;
            for (int j = 0; j < QK_K / 32; ++j) {
                float sumX2 = 0;
                for (int l = 0; l < 32; ++l) sumX2 += x[xo + 32 * j + l] * x[xo + 32 * j + l];
                float avX = (float) Math.sqrt(sumX2 / 32);
                for (int l = 0; l < 32; ++l) weights[l] = avX + Math.abs(x[xo + 32 * j + l]);
                scales[j] = five
                        ? makeQkx2Quants(32, 31, x, xo + 32 * j, weights, L, 32 * j, theMin, Laux, -0.5f, 0.1f, 15, false)
                        : makeQkx2Quants(32, 15, x, xo + 32 * j, weights, L, 32 * j, theMin, Laux, -1.f, 0.1f, 20, false);
                mins[j] = theMin[0];
                if (scales[j] > maxScale) maxScale = scales[j];
                if (mins[j] > maxMin) maxMin = mins[j];
            }
            float invScale = maxScale > 0 ? 63.f / maxScale : 0.f;
            float invMin = maxMin > 0 ? 63.f / maxMin : 0.f;
            for (int j = 0; j < QK_K / 32; ++j) {
                int ls = nearestInt(invScale * scales[j]) & 0xFF;
                int lm = nearestInt(invMin * mins[j]) & 0xFF;
                ls = Math.min(63, ls);
                lm = Math.min(63, lm);
                if (j < 4) {
                    y[s + j] = (byte) ls;
                    y[s + j + 4] = (byte) lm;
                } else {
                    y[s + j + 4] = (byte) ((ls & 0xF) | ((lm & 0xF) << 4));
                    y[s + j - 4] |= (byte) ((ls >> 4) << 6);
                    y[s + j] |= (byte) ((lm >> 4) << 6);
                }
            }
            half(y, yo, fp16(maxScale / 63.f));
            half(y, yo + 2, fp16(maxMin / 63.f));
            for (int j = 0; j < QK_K / 32; ++j) {
                int[] sm = scaleMinK4(j, y, s);
                float d = fp32(y, yo) * sm[0];
                if (d == 0) continue;
                float dm = fp32(y, yo + 2) * sm[1];
                for (int ii = 0; ii < 32; ++ii) {
                    int l = nearestInt((x[xo + 32 * j + ii] + dm) / d);
                    L[32 * j + ii] = (byte) Math.max(0, Math.min(nmax, l));
                }
            }
            if (!five) {
                int q = yo + 16;
                for (int j = 0; j < QK_K; j += 64) {
                    for (int l = 0; l < 32; ++l) y[q + l] = (byte) (L[j + l] | (L[j + l + 32] << 4));
                    q += 32;
                }
            } else {
                int qh = yo + 16, ql = yo + 48;
                for (int j = 0; j < 32; j++) y[qh + j] = 0;
                int m1 = 1, m2 = 2;
                for (int n = 0; n < QK_K; n += 64) {
                    for (int j = 0; j < 32; ++j) {
                        int l1 = L[n + j];
                        if (l1 > 15) { l1 -= 16; y[qh + j] |= (byte) m1; }
                        int l2 = L[n + j + 32];
                        if (l2 > 15) { l2 -= 16; y[qh + j] |= (byte) m2; }
                        y[ql + j] = (byte) (l1 | (l2 << 4));
                    }
                    m1 <<= 2;
                    m2 <<= 2;
                    ql += 32;
                }
            }
        }
    }

    // block_q6_K { uint8 ql[128] @0; uint8 qh[64] @128; int8 scales[16] @192; half d @208 }
    static void quantizeRowQ6K(float[] x, byte[] y, int k) {
        int nb = k / QK_K;
        byte[] L = new byte[QK_K];
        float[] scales = new float[QK_K / 16];
        for (int i = 0; i < nb; i++) {
            int xo = i * QK_K, yo = i * 210;
            float maxScale = 0, maxAbsScale = 0;
            for (int ib = 0; ib < QK_K / 16; ++ib) {
                float scale = makeQxQuants(16, 32, x, xo + 16 * ib, L, 16 * ib);
                scales[ib] = scale;
                float absScale = Math.abs(scale);
                if (absScale > maxAbsScale) { maxAbsScale = absScale; maxScale = scale; }
            }
            if (maxAbsScale < 1e-15f) {
                for (int j = 0; j < 210; j++) y[yo + j] = 0;
                continue;
            }
            float iscale = -128.f / maxScale;
            half(y, yo + 208, fp16(1 / iscale));
            for (int ib = 0; ib < QK_K / 16; ++ib) y[yo + 192 + ib] = (byte) Math.min(127, nearestInt(iscale * scales[ib]));
            for (int j = 0; j < QK_K / 16; ++j) {
                float d = fp32(y, yo + 208) * y[yo + 192 + j];
                if (d == 0) continue;
                for (int ii = 0; ii < 16; ++ii) {
                    int l = nearestInt(x[xo + 16 * j + ii] / d);
                    L[16 * j + ii] = (byte) (Math.max(-32, Math.min(31, l)) + 32);
                }
            }
            int ql = yo, qh = yo + 128;
            for (int j = 0; j < QK_K; j += 128) {
                for (int l = 0; l < 32; ++l) {
                    int q1 = L[j + l] & 0xF, q2 = L[j + l + 32] & 0xF, q3 = L[j + l + 64] & 0xF, q4 = L[j + l + 96] & 0xF;
                    y[ql + l] = (byte) (q1 | (q3 << 4));
                    y[ql + l + 32] = (byte) (q2 | (q4 << 4));
                    y[qh + l] = (byte) ((L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2) | ((L[j + l + 64] >> 4) << 4) | ((L[j + l + 96] >> 4) << 6));
                }
                ql += 64;
                qh += 32;
            }
        }
    }
}
