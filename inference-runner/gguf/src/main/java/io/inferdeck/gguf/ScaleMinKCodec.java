package io.inferdeck.gguf;

import static io.inferdeck.gguf.KQuantMath.clamp;
import static io.inferdeck.gguf.KQuantMath.nearestInt;
import static io.inferdeck.gguf.KQuantMath.viaFp16;

/**
 * Q4_K (144 bytes) and Q5_K (176 bytes) per 256 values: {@code fp16 d; fp16 dmin; uint8 scales[12];}
 * [Q5_K: {@code uint8 qh[32];}] {@code uint8 qs[128]}. Eight sub-blocks of 32 values,
 * {@code x ≈ d·sc·q − dmin·m} with 6-bit sc and m packed as ggml's get_scale_min_k4 reads them. In qs,
 * each 64-value chunk c takes 32 bytes: low nibbles values 64c..64c+31, high nibbles the next 32; Q5_K's
 * fifth bits sit in qh byte e%32, bit e/32. Follows quantize_row_q4_K_ref / quantize_row_q5_K_ref.
 */
final class ScaleMinKCodec implements BlockCodec {
    private static final int D = 0;
    private static final int DMIN = 2;
    private static final int SCALES = 4;
    private static final int QH = 16;

    private final int bits;
    private final int qs;
    private final KQuantMath.AffineSearch search;

    private ScaleMinKCodec(int bits, KQuantMath.AffineSearch search) {
        this.bits = bits;
        this.qs = bits == 5 ? QH + 32 : QH;
        this.search = search;
    }

    static ScaleMinKCodec q4K() {
        return new ScaleMinKCodec(4, new KQuantMath.AffineSearch(15, -1f, 0.1f, 20, false));
    }

    static ScaleMinKCodec q5K() {
        return new ScaleMinKCodec(5, new KQuantMath.AffineSearch(31, -0.5f, 0.1f, 15, false));
    }

    @Override
    public void encode(float[] x, int xo, byte[] y, int yo) {
        byte[] l = new byte[256];
        float[] scales = new float[8];
        float[] mins = new float[8];
        float[] weights = new float[32];
        float[] min = new float[1];
        float maxScale = 0f;
        float maxMin = 0f;
        for (int j = 0; j < 8; j++) {
            int o = xo + 32 * j;
            float sumX2 = 0f;
            for (int i = 0; i < 32; i++) sumX2 += x[o + i] * x[o + i];
            float avX = (float) Math.sqrt(sumX2 / 32);
            for (int i = 0; i < 32; i++) weights[i] = avX + Math.abs(x[o + i]);
            scales[j] = KQuantMath.affine(x, o, 32, weights, search, l, 32 * j, min);
            mins[j] = min[0];
            maxScale = Math.max(maxScale, scales[j]);
            maxMin = Math.max(maxMin, mins[j]);
        }
        float invScale = maxScale > 0 ? 63f / maxScale : 0f;
        float invMin = maxMin > 0 ? 63f / maxMin : 0f;
        for (int j = 0; j < 8; j++) {
            int ls = Math.min(63, nearestInt(invScale * scales[j]) & 0xFF);
            int lm = Math.min(63, nearestInt(invMin * mins[j]) & 0xFF);
            setScaleMin(y, yo + SCALES, j, ls, lm);
        }
        GgmlCodec.putShort(y, yo + D, Float.floatToFloat16(maxScale / 63f));
        GgmlCodec.putShort(y, yo + DMIN, Float.floatToFloat16(maxMin / 63f));
        float dq = viaFp16(maxScale / 63f);
        float mq = viaFp16(maxMin / 63f);
        int top = (1 << bits) - 1;
        for (int j = 0; j < 8; j++) {
            float dj = dq * scale(y, yo + SCALES, j);
            if (dj == 0f) {
                continue; // ggml keeps the search's codes for a sub-block whose scale rounded to 0
            }
            float mj = mq * min(y, yo + SCALES, j);
            for (int i = 0; i < 32; i++) {
                l[32 * j + i] = (byte) clamp(nearestInt((x[xo + 32 * j + i] + mj) / dj), 0, top);
            }
        }
        pack(l, y, yo);
    }

    private void pack(byte[] l, byte[] y, int yo) {
        if (bits == 5) {
            java.util.Arrays.fill(y, yo + QH, yo + QH + 32, (byte) 0);
        }
        for (int e = 0; e < 256; e++) {
            int q = l[e];
            if (q > 15) {
                y[yo + QH + e % 32] |= (byte) (1 << (e / 32));
                q -= 16;
            }
            int at = yo + qs + (e / 64) * 32 + e % 32;
            y[at] = (byte) ((e & 32) == 0 ? q : (y[at] & 0x0F) | q << 4);
        }
    }

    @Override
    public void decode(byte[] y, int yo, float[] x, int xo) {
        float d = Float.float16ToFloat(GgmlCodec.getShort(y, yo + D));
        float dmin = Float.float16ToFloat(GgmlCodec.getShort(y, yo + DMIN));
        for (int e = 0; e < 256; e++) {
            int j = e / 32;
            float dl = d * scale(y, yo + SCALES, j);
            float ml = dmin * min(y, yo + SCALES, j);
            int b = y[yo + qs + (e / 64) * 32 + e % 32] & 0xFF;
            int q = (e & 32) == 0 ? b & 0xF : b >> 4;
            if (bits == 5 && (y[yo + QH + e % 32] & (1 << j)) != 0) {
                q += 16;
            }
            x[xo + e] = dl * q - ml;
        }
    }

    /** Sub-blocks 0..3 keep 6 bits in bytes j / j+4; 4..7 keep nibbles in byte j+4 and their top bits in bits 6-7 of bytes j-4 / j. */
    private static void setScaleMin(byte[] y, int s, int j, int ls, int lm) {
        if (j < 4) {
            y[s + j] = (byte) ls;
            y[s + j + 4] = (byte) lm;
        } else {
            y[s + j + 4] = (byte) ((ls & 0xF) | (lm & 0xF) << 4);
            y[s + j - 4] |= (byte) ((ls >> 4) << 6);
            y[s + j] |= (byte) ((lm >> 4) << 6);
        }
    }

    private static int scale(byte[] y, int s, int j) {
        return j < 4 ? y[s + j] & 63 : (y[s + j + 4] & 0xF) | ((y[s + j - 4] & 0xFF) >> 6) << 4;
    }

    private static int min(byte[] y, int s, int j) {
        return j < 4 ? y[s + j + 4] & 63 : ((y[s + j + 4] & 0xFF) >> 4) | ((y[s + j] & 0xFF) >> 6) << 4;
    }
}
