package io.inferdeck.gguf;

/**
 * Encodes float rows into ggml tensor blocks and back. Block layouts are ggml's (ggml-common.h):
 * <ul>
 *   <li>Q8_0: {@code fp16 d; int8 qs[32]} — 34 bytes</li>
 *   <li>Q4_0: {@code fp16 d; uint8 qs[16]} — low nibbles hold elements 0..15, high nibbles 16..31</li>
 *   <li>Q4_1: {@code fp16 d; fp16 m; uint8 qs[16]}</li>
 *   <li>Q5_0: {@code fp16 d; uint8 qh[4]; uint8 qs[16]} — qh bit j is the 5th bit of element j</li>
 * </ul>
 * and the block formats in {@link #BLOCK_CODECS} (Q5_1 and the k-quants Q2_K..Q6_K, one class each).
 * The arithmetic follows ggml's reference quantizers ({@code quantize_row_*_ref}) in single precision,
 * so the same input gives the same blocks. All multi-byte fields are little-endian.
 */
public final class GgmlCodec {
    private static final int QK = 32;
    private static final java.util.Map<GgmlType, BlockCodec> BLOCK_CODECS = java.util.Map.of(
            GgmlType.Q5_1, new Q51Codec(), GgmlType.Q2_K, new Q2KCodec(), GgmlType.Q3_K, new Q3KCodec(),
            GgmlType.Q4_K, ScaleMinKCodec.q4K(), GgmlType.Q5_K, ScaleMinKCodec.q5K(), GgmlType.Q6_K, new Q6KCodec());

    private GgmlCodec() {
    }

    /** Encodes {@code n} floats (a multiple of the type's block size) into {@code dst} at {@code dstOff}. */
    public static void encode(GgmlType type, float[] src, int off, int n, byte[] dst, int dstOff) {
        checkLength(type, n);
        switch (type) {
            case F32 -> { for (int i = 0; i < n; i++) putInt(dst, dstOff + 4 * i, Float.floatToRawIntBits(src[off + i])); }
            case F16 -> { for (int i = 0; i < n; i++) putShort(dst, dstOff + 2 * i, Float.floatToFloat16(src[off + i])); }
            case BF16 -> { for (int i = 0; i < n; i++) putShort(dst, dstOff + 2 * i, toBf16(src[off + i])); }
            case Q8_0 -> { for (int b = 0; b < n / QK; b++) q8_0(src, off + b * QK, dst, dstOff + b * 34); }
            case Q4_0 -> { for (int b = 0; b < n / QK; b++) q4_0(src, off + b * QK, dst, dstOff + b * 18); }
            case Q4_1 -> { for (int b = 0; b < n / QK; b++) q4_1(src, off + b * QK, dst, dstOff + b * 20); }
            case Q5_0 -> { for (int b = 0; b < n / QK; b++) q5_0(src, off + b * QK, dst, dstOff + b * 22); }
            default -> {
                BlockCodec codec = blockCodec(type, "encode");
                for (int b = 0; b < n / type.blockSize(); b++) {
                    codec.encode(src, off + b * type.blockSize(), dst, dstOff + b * type.typeSize());
                }
            }
        }
    }

    /** Decodes {@code n} elements of {@code type} from {@code src} into {@code dst}. */
    public static void decode(GgmlType type, byte[] src, int srcOff, int n, float[] dst, int dstOff) {
        checkLength(type, n);
        for (int b = 0; b < n / type.blockSize(); b++) {
            int s = srcOff + b * type.typeSize();
            int d0 = dstOff + b * type.blockSize();
            switch (type) {
                case F32 -> dst[d0] = Float.intBitsToFloat(getInt(src, s));
                case F16 -> dst[d0] = Float.float16ToFloat(getShort(src, s));
                case BF16 -> dst[d0] = Float.intBitsToFloat((getShort(src, s) & 0xFFFF) << 16);
                case Q8_0 -> {
                    float d = Float.float16ToFloat(getShort(src, s));
                    for (int j = 0; j < QK; j++) dst[d0 + j] = src[s + 2 + j] * d;
                }
                case Q4_0, Q4_1 -> {
                    float d = Float.float16ToFloat(getShort(src, s));
                    boolean hasMin = type == GgmlType.Q4_1;
                    float m = hasMin ? Float.float16ToFloat(getShort(src, s + 2)) : 0f;
                    int qs = s + (hasMin ? 4 : 2);
                    int bias = hasMin ? 0 : 8;
                    for (int j = 0; j < QK / 2; j++) {
                        dst[d0 + j] = ((src[qs + j] & 0x0F) - bias) * d + m;
                        dst[d0 + j + 16] = (((src[qs + j] & 0xFF) >> 4) - bias) * d + m;
                    }
                }
                case Q5_0 -> {
                    float d = Float.float16ToFloat(getShort(src, s));
                    int qh = getInt(src, s + 2);
                    for (int j = 0; j < QK / 2; j++) {
                        int xh0 = ((qh >>> j) << 4) & 0x10;
                        int xh1 = (qh >>> (j + 12)) & 0x10;
                        dst[d0 + j] = (((src[s + 6 + j] & 0x0F) | xh0) - 16) * d;
                        dst[d0 + j + 16] = ((((src[s + 6 + j] & 0xFF) >> 4) | xh1) - 16) * d;
                    }
                }
                default -> blockCodec(type, "decode").decode(src, s, dst, d0);
            }
        }
    }

    private static BlockCodec blockCodec(GgmlType type, String verb) {
        BlockCodec codec = BLOCK_CODECS.get(type);
        if (codec == null) {
            throw new IllegalArgumentException("cannot " + verb + " " + type);
        }
        return codec;
    }

    private static void checkLength(GgmlType type, int n) {
        if (n % type.blockSize() != 0) {
            throw new IllegalArgumentException(n + " elements is not a multiple of " + type + "'s block size");
        }
    }

    private static void q8_0(float[] x, int o, byte[] y, int p) {
        float amax = 0f;
        for (int j = 0; j < QK; j++) amax = Math.max(amax, Math.abs(x[o + j]));
        float d = amax / 127f;
        float id = d != 0f ? 1f / d : 0f;
        putShort(y, p, Float.floatToFloat16(d));
        for (int j = 0; j < QK; j++) y[p + 2 + j] = (byte) roundHalfAway(x[o + j] * id);
    }

    private static void q4_0(float[] x, int o, byte[] y, int p) {
        float max = signedAbsMax(x, o);
        float d = max / -8f;
        float id = d != 0f ? 1f / d : 0f;
        putShort(y, p, Float.floatToFloat16(d));
        for (int j = 0; j < QK / 2; j++) {
            int xi0 = Math.min(15, (int) (x[o + j] * id + 8.5f));
            int xi1 = Math.min(15, (int) (x[o + j + 16] * id + 8.5f));
            y[p + 2 + j] = (byte) (xi0 | (xi1 << 4));
        }
    }

    private static void q4_1(float[] x, int o, byte[] y, int p) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int j = 0; j < QK; j++) {
            min = Math.min(min, x[o + j]);
            max = Math.max(max, x[o + j]);
        }
        float d = (max - min) / 15f;
        float id = d != 0f ? 1f / d : 0f;
        putShort(y, p, Float.floatToFloat16(d));
        putShort(y, p + 2, Float.floatToFloat16(min));
        for (int j = 0; j < QK / 2; j++) {
            int xi0 = Math.min(15, (int) ((x[o + j] - min) * id + 0.5f));
            int xi1 = Math.min(15, (int) ((x[o + j + 16] - min) * id + 0.5f));
            y[p + 4 + j] = (byte) (xi0 | (xi1 << 4));
        }
    }

    private static void q5_0(float[] x, int o, byte[] y, int p) {
        float max = signedAbsMax(x, o);
        float d = max / -16f;
        float id = d != 0f ? 1f / d : 0f;
        putShort(y, p, Float.floatToFloat16(d));
        int qh = 0;
        for (int j = 0; j < QK / 2; j++) {
            int xi0 = Math.min(31, (int) (x[o + j] * id + 16.5f));
            int xi1 = Math.min(31, (int) (x[o + j + 16] * id + 16.5f));
            y[p + 6 + j] = (byte) ((xi0 & 0x0F) | ((xi1 & 0x0F) << 4));
            qh |= ((xi0 & 0x10) >> 4) << j;
            qh |= ((xi1 & 0x10) >> 4) << (j + 16);
        }
        putInt(y, p + 2, qh);
    }

    /** The element with the largest magnitude, sign kept (ggml picks the first on ties). */
    private static float signedAbsMax(float[] x, int o) {
        float amax = 0f;
        float max = 0f;
        for (int j = 0; j < QK; j++) {
            float v = x[o + j];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        return max;
    }

    /** C's roundf: halves away from zero (Math.round would send -2.5 to -2). */
    static int roundHalfAway(float v) {
        double r = Math.floor(Math.abs((double) v) + 0.5);
        return (int) (v < 0 ? -r : r);
    }

    /** ggml's fp32 → bf16: round to nearest even, NaN kept quiet. */
    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return (short) ((bits >>> 16) | 64);
        }
        return (short) ((bits + (0x7fff + ((bits >>> 16) & 1))) >>> 16);
    }

    static void putShort(byte[] b, int i, short v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    static void putInt(byte[] b, int i, int v) {
        for (int k = 0; k < 4; k++) b[i + k] = (byte) (v >>> (8 * k));
    }

    static short getShort(byte[] b, int i) {
        return (short) ((b[i] & 0xFF) | (b[i + 1] << 8));
    }

    static int getInt(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) | ((b[i + 2] & 0xFF) << 16) | ((b[i + 3] & 0xFF) << 24);
    }
}
