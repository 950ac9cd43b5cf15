package io.inferdeck.gguf;

import static io.inferdeck.gguf.KQuantMath.clamp;
import static io.inferdeck.gguf.KQuantMath.nearestInt;
import static io.inferdeck.gguf.KQuantMath.viaFp16;

/**
 * Q2_K (84 bytes / 256 values): {@code uint8 scales[16]; uint8 qs[64]; fp16 d; fp16 dmin}. Sixteen
 * sub-blocks of 16 values, each {@code x ≈ d·sc·q − dmin·m} with 2-bit q and 4-bit sc (low nibble) and
 * m (high nibble). Follows quantize_row_q2_K_ref: make_qkx2 search per sub-block with |x| as weights,
 * scales and mins quantized against their maxima, then values requantized against the stored scales.
 */
final class Q2KCodec implements BlockCodec {
    private static final int SCALES = 0;
    private static final int QS = 16;
    private static final int D = 80;
    private static final int DMIN = 82;
    private static final KQuantMath.AffineSearch SEARCH = new KQuantMath.AffineSearch(3, -0.5f, 0.1f, 15, true);

    @Override
    public void encode(float[] x, int xo, byte[] y, int yo) {
        byte[] l = new byte[256];
        float[] scales = new float[16];
        float[] mins = new float[16];
        float[] weights = new float[16];
        float[] min = new float[1];
        float maxScale = 0f;
        float maxMin = 0f;
        for (int j = 0; j < 16; j++) {
            for (int i = 0; i < 16; i++) weights[i] = Math.abs(x[xo + 16 * j + i]);
            scales[j] = KQuantMath.affine(x, xo + 16 * j, 16, weights, SEARCH, l, 16 * j, min);
            mins[j] = min[0];
            maxScale = Math.max(maxScale, scales[j]);
            maxMin = Math.max(maxMin, mins[j]);
        }
        float d = maxScale > 0 ? maxScale / 15f : 0f;
        float dmin = maxMin > 0 ? maxMin / 15f : 0f;
        float iscale = 15f / maxScale;
        float imin = 15f / maxMin;
        for (int j = 0; j < 16; j++) {
            int sc = maxScale > 0 ? nearestInt(iscale * scales[j]) : 0;
            int m = maxMin > 0 ? nearestInt(imin * mins[j]) : 0;
            y[yo + SCALES + j] = (byte) (sc | m << 4);
        }
        GgmlCodec.putShort(y, yo + D, Float.floatToFloat16(d));
        GgmlCodec.putShort(y, yo + DMIN, Float.floatToFloat16(dmin));
        float dq = viaFp16(d);
        float mq = viaFp16(dmin);
        for (int j = 0; j < 16; j++) {
            int sc = y[yo + SCALES + j] & 0xFF;
            float dj = dq * (sc & 0xF);
            if (dj == 0f) {
                continue; // ggml keeps the search's codes for a sub-block whose scale rounded to 0
            }
            float mj = mq * (sc >> 4);
            for (int i = 0; i < 16; i++) {
                l[16 * j + i] = (byte) clamp(nearestInt((x[xo + 16 * j + i] + mj) / dj), 0, 3);
            }
        }
        KQuantMath.packTwoBit(l, y, yo + QS);
    }

    @Override
    public void decode(byte[] y, int yo, float[] x, int xo) {
        float d = Float.float16ToFloat(GgmlCodec.getShort(y, yo + D));
        float dmin = Float.float16ToFloat(GgmlCodec.getShort(y, yo + DMIN));
        for (int e = 0; e < 256; e++) {
            int sc = y[yo + SCALES + e / 16] & 0xFF;
            float dl = d * (sc & 0xF);
            float ml = dmin * (sc >> 4);
            x[xo + e] = dl * KQuantMath.twoBit(y, yo + QS, e) - ml;
        }
    }
}
