package io.inferdeck.gguf;

/**
 * Q5_1 (24 bytes / 32 values): {@code fp16 d; fp16 m; uint8 qh[4]; uint8 qs[16]}, {@code x ≈ d·q + m} with
 * 5-bit q; low nibbles hold values 0..15, high nibbles 16..31, qh bit j the fifth bit of value j.
 * Follows quantize_row_q5_1_ref. Written only as llama.cpp's fallback for Q5_K tensors whose rows are not
 * a multiple of 256 values.
 */
final class Q51Codec implements BlockCodec {
    @Override
    public void encode(float[] x, int xo, byte[] y, int yo) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int j = 0; j < 32; j++) {
            min = Math.min(min, x[xo + j]);
            max = Math.max(max, x[xo + j]);
        }
        float d = (max - min) / 31;
        float id = d != 0f ? 1f / d : 0f;
        GgmlCodec.putShort(y, yo, Float.floatToFloat16(d));
        GgmlCodec.putShort(y, yo + 2, Float.floatToFloat16(min));
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = (int) ((x[xo + j] - min) * id + 0.5f) & 0xFF;
            int q1 = (int) ((x[xo + j + 16] - min) * id + 0.5f) & 0xFF;
            y[yo + 8 + j] = (byte) ((q0 & 0x0F) | (q1 & 0x0F) << 4);
            qh |= ((q0 & 0x10) >> 4) << j;
            qh |= ((q1 & 0x10) >> 4) << (j + 16);
        }
        GgmlCodec.putInt(y, yo + 4, qh);
    }

    @Override
    public void decode(byte[] y, int yo, float[] x, int xo) {
        float d = Float.float16ToFloat(GgmlCodec.getShort(y, yo));
        float m = Float.float16ToFloat(GgmlCodec.getShort(y, yo + 2));
        int qh = GgmlCodec.getInt(y, yo + 4);
        for (int j = 0; j < 16; j++) {
            int b = y[yo + 8 + j] & 0xFF;
            x[xo + j] = ((b & 0x0F) | ((qh >>> j) << 4) & 0x10) * d + m;
            x[xo + j + 16] = ((b >> 4) | (qh >>> (j + 12)) & 0x10) * d + m;
        }
    }
}
