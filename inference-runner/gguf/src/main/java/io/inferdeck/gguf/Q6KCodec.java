package io.inferdeck.gguf;

import static io.inferdeck.gguf.KQuantMath.clamp;
import static io.inferdeck.gguf.KQuantMath.nearestInt;
import static io.inferdeck.gguf.KQuantMath.viaFp16;

/**
 * Q6_K (210 bytes / 256 values): {@code uint8 ql[128]; uint8 qh[64]; int8 scales[16]; fp16 d}. Sixteen
 * sub-blocks of 16 values, {@code x ≈ d·sc·(q−32)} with 6-bit q and signed 8-bit sc. Per 128-value half h,
 * value h·128 + 32k + i keeps its low nibble in ql[64h + i + 32(k&1)] (low nibble for k<2, high for k≥2)
 * and its top 2 bits in qh[32h + i] at bit 2k. Follows quantize_row_q6_K_ref: make_qx_quants (x²
 * weights) per sub-block, scales quantized against the one of largest magnitude, values requantized.
 */
final class Q6KCodec implements BlockCodec {
    private static final int QL = 0;
    private static final int QH = 128;
    private static final int SCALES = 192;
    private static final int D = 208;

    @Override
    public void encode(float[] x, int xo, byte[] y, int yo) {
        byte[] l = new byte[256];
        float[] scales = new float[16];
        float maxScale = 0f;
        float maxAbs = 0f;
        for (int j = 0; j < 16; j++) {
            scales[j] = KQuantMath.symmetricWeighted(x, xo + 16 * j, 16, 32, l, 16 * j);
            if (Math.abs(scales[j]) > maxAbs) {
                maxAbs = Math.abs(scales[j]);
                maxScale = scales[j];
            }
        }
        if (maxAbs < KQuantMath.GROUP_MAX_EPS) {
            java.util.Arrays.fill(y, yo, yo + 210, (byte) 0);
            return;
        }
        float iscale = -128f / maxScale;
        GgmlCodec.putShort(y, yo + D, Float.floatToFloat16(1 / iscale));
        for (int j = 0; j < 16; j++) {
            y[yo + SCALES + j] = (byte) Math.min(127, nearestInt(iscale * scales[j]));
        }
        float dq = viaFp16(1 / iscale);
        for (int j = 0; j < 16; j++) {
            float dj = dq * y[yo + SCALES + j];
            if (dj == 0f) {
                continue; // ggml keeps the search's codes for a sub-block whose scale rounded to 0
            }
            for (int i = 0; i < 16; i++) {
                l[16 * j + i] = (byte) (clamp(nearestInt(x[xo + 16 * j + i] / dj), -32, 31) + 32);
            }
        }
        java.util.Arrays.fill(y, yo + QH, yo + QH + 64, (byte) 0);
        for (int e = 0; e < 256; e++) {
            int q = l[e];
            int half = e / 128;
            int k = (e % 128) / 32;
            int i = e % 32;
            int at = yo + QL + 64 * half + i + 32 * (k & 1);
            y[at] = (byte) (k < 2 ? q & 0xF : (y[at] & 0x0F) | (q & 0xF) << 4);
            y[yo + QH + 32 * half + i] |= (byte) ((q >> 4) << (2 * k));
        }
    }

    @Override
    public void decode(byte[] y, int yo, float[] x, int xo) {
        float d = Float.float16ToFloat(GgmlCodec.getShort(y, yo + D));
        for (int e = 0; e < 256; e++) {
            int half = e / 128;
            int k = (e % 128) / 32;
            int i = e % 32;
            int low = (y[yo + QL + 64 * half + i + 32 * (k & 1)] & 0xFF) >> (k < 2 ? 0 : 4) & 0xF;
            int high = (y[yo + QH + 32 * half + i] >> (2 * k)) & 3;
            x[xo + e] = d * y[yo + SCALES + e / 16] * ((low | high << 4) - 32);
        }
    }
}
