package io.inferdeck.gguf;

import static io.inferdeck.gguf.KQuantMath.clamp;
import static io.inferdeck.gguf.KQuantMath.nearestInt;
import static io.inferdeck.gguf.KQuantMath.viaFp16;

/**
 * Q3_K (110 bytes / 256 values): {@code uint8 hmask[32]; uint8 qs[64]; uint8 scales[12]; fp16 d}. Sixteen
 * sub-blocks of 16 values, {@code x ≈ d·(sc−32)·(q−4)} with 3-bit q (low 2 bits in qs, the third in hmask:
 * bit e/32 of byte e%32) and 6-bit sc (low nibbles in scales[0..7], high 2-bit pairs in scales[8..11]).
 * Follows quantize_row_q3_K_ref: make_q3_quants per sub-block, the signed sub-block scales quantized
 * against the one of largest magnitude, then values requantized against the stored scales.
 */
final class Q3KCodec implements BlockCodec {
    private static final int HMASK = 0;
    private static final int QS = 32;
    private static final int SCALES = 96;
    private static final int D = 108;

    @Override
    public void encode(float[] x, int xo, byte[] y, int yo) {
        byte[] l = new byte[256];
        float[] scales = new float[16];
        float maxScale = 0f;
        float amax = 0f;
        for (int j = 0; j < 16; j++) {
            scales[j] = KQuantMath.symmetricRefined(x, xo + 16 * j, 16, 4, l, 16 * j);
            if (Math.abs(scales[j]) > amax) {
                amax = Math.abs(scales[j]);
                maxScale = scales[j];
            }
        }
        java.util.Arrays.fill(y, yo + SCALES, yo + SCALES + 12, (byte) 0);
        float d = 0f;
        if (maxScale != 0f) {
            float iscale = -32f / maxScale;
            for (int j = 0; j < 16; j++) {
                setScale(y, yo, j, clamp((byte) nearestInt(iscale * scales[j]), -32, 31) + 32);
            }
            d = 1 / iscale;
        }
        GgmlCodec.putShort(y, yo + D, Float.floatToFloat16(d));
        float dq = viaFp16(d);
        for (int j = 0; j < 16; j++) {
            float dj = dq * (scale(y, yo, j) - 32);
            if (dj == 0f) {
                continue; // ggml keeps the search's codes for a sub-block whose scale rounded to 0
            }
            for (int i = 0; i < 16; i++) {
                l[16 * j + i] = (byte) (clamp(nearestInt(x[xo + 16 * j + i] / dj), -4, 3) + 4);
            }
        }
        java.util.Arrays.fill(y, yo + HMASK, yo + HMASK + 32, (byte) 0);
        for (int e = 0; e < 256; e++) {
            if (l[e] > 3) {
                y[yo + HMASK + e % 32] |= (byte) (1 << (e / 32));
                l[e] -= 4;
            }
        }
        KQuantMath.packTwoBit(l, y, yo + QS);
    }

    @Override
    public void decode(byte[] y, int yo, float[] x, int xo) {
        float d = Float.float16ToFloat(GgmlCodec.getShort(y, yo + D));
        for (int e = 0; e < 256; e++) {
            float dl = d * (scale(y, yo, e / 16) - 32);
            boolean high = (y[yo + HMASK + e % 32] & (1 << (e / 32))) != 0;
            x[xo + e] = dl * (KQuantMath.twoBit(y, yo + QS, e) - (high ? 0 : 4));
        }
    }

    /** Stores the 6-bit scale of sub-block j; the caller zeroed the 12 bytes first. */
    private static void setScale(byte[] y, int yo, int j, int v) {
        int low = v & 0xF;
        y[yo + SCALES + (j & 7)] |= (byte) (j < 8 ? low : low << 4);
        y[yo + SCALES + 8 + j % 4] |= (byte) ((v >> 4) << (2 * (j / 4)));
    }

    private static int scale(byte[] y, int yo, int j) {
        int b = y[yo + SCALES + (j & 7)] & 0xFF;
        int low = j < 8 ? b & 0xF : b >> 4;
        int high = ((y[yo + SCALES + 8 + j % 4] & 0xFF) >> (2 * (j / 4))) & 3;
        return low | high << 4;
    }
}
