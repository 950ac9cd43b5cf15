package io.inferdeck.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GgmlCodecTest {

    /** Worst-case error of one element relative to the block's scale, per format. */
    private static double bound(GgmlType t, float[] x, int off) {
        float amax = 0, min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int j = 0; j < t.blockSize(); j++) {
            amax = Math.max(amax, Math.abs(x[off + j]));
            min = Math.min(min, x[off + j]);
            max = Math.max(max, x[off + j]);
        }
        // The scale is stored as fp16: 11-bit mantissa, and subnormal (absolute step 2^-24) below 2^-14.
        double fp16Slack = amax * 1e-3 + 128 * 0x1p-25;
        return switch (t) {
            case F32 -> 0;
            case F16 -> Math.abs(x[off]) * 0x1p-11 + 0x1p-24;
            case BF16 -> Math.abs(x[off]) * 0x1p-8;
            case Q8_0 -> amax / 127.0 / 2 + fp16Slack;
            case Q4_0 -> amax / 8.0 + fp16Slack;      // the top code 16 is clamped to 15: one full step
            case Q5_0 -> amax / 16.0 + fp16Slack;
            case Q4_1 -> (max - min) / 15.0 / 2 + fp16Slack * 2;
            default -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0"})
    void dequantizeOfQuantizeStaysWithinTheFormatsBound(GgmlType type) {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 32 * 64;
        for (int trial = 0; trial < 50; trial++) {
            float[] x = new float[n];
            double scale = Math.pow(10, rnd.nextInt(-4, 4));
            for (int i = 0; i < n; i++) {
                x[i] = (float) (rnd.nextGaussian() * scale + (trial % 5 == 0 ? scale : 0));
            }
            byte[] q = new byte[(int) type.bytesFor(n)];
            GgmlCodec.encode(type, x, 0, n, q, 0);
            float[] y = new float[n];
            GgmlCodec.decode(type, q, 0, n, y, 0);
            for (int b = 0; b < n; b += type.blockSize()) {
                for (int j = 0; j < type.blockSize(); j++) {
                    double limit = type.blockSize() == 1 ? bound(type, x, b + j) : bound(type, x, b);
                    assertThat((double) y[b + j]).as("%s element %d", type, b + j).isCloseTo(x[b + j], within(limit + 1e-30));
                }
            }
        }
    }

    @Test
    void q8_0BlockLayoutIsScaleThenSignedBytes() {
        float[] x = new float[32];
        for (int i = 0; i < 32; i++) {
            x[i] = i - 16; // amax 16 → d = 16/127
        }
        byte[] q = new byte[34];
        GgmlCodec.encode(GgmlType.Q8_0, x, 0, 32, q, 0);
        assertThat(Float.float16ToFloat(GgmlCodec.getShort(q, 0))).isCloseTo(16f / 127, within(1e-4f));
        assertThat(q[2]).isEqualTo((byte) -127);        // -16 → -127
        assertThat(q[2 + 16]).isEqualTo((byte) 0);
        assertThat(q[2 + 24]).isEqualTo((byte) 64);      // 8 * 127/16 = 63.5 → rounds away from zero
    }

    @Test
    void q4_0PacksElementJInLowNibbleAndJPlus16InHighNibble() {
        float[] x = new float[32];
        x[0] = -8f;  // the signed max: d = -8 / -8 = 1, so code = x/d + 8
        x[16] = 3f;
        byte[] q = new byte[18];
        GgmlCodec.encode(GgmlType.Q4_0, x, 0, 32, q, 0);
        assertThat(Float.float16ToFloat(GgmlCodec.getShort(q, 0))).isEqualTo(1f);
        assertThat(q[2] & 0x0F).isEqualTo(0);        // -8 + 8
        assertThat((q[2] & 0xFF) >> 4).isEqualTo(11); // 3 + 8
        assertThat(q[3] & 0x0F).isEqualTo(8);         // 0 + 8
    }

    @Test
    void q5_0StoresTheFifthBitInQh() {
        float[] x = new float[32];
        x[0] = -16f; // d = 1 → code(x) = x + 16
        x[1] = 15f;  // code 31: fifth bit set
        x[17] = 1f;  // code 17: fifth bit set, in the upper half
        byte[] q = new byte[22];
        GgmlCodec.encode(GgmlType.Q5_0, x, 0, 32, q, 0);
        int qh = GgmlCodec.getInt(q, 2);
        assertThat(qh & 1).isZero();            // code 0
        assertThat((qh >>> 1) & 1).isOne();     // code 31
        assertThat((qh >>> 17) & 1).isOne();    // code 17
        float[] y = new float[32];
        GgmlCodec.decode(GgmlType.Q5_0, q, 0, 32, y, 0);
        assertThat(y[0]).isEqualTo(-16f);
        assertThat(y[1]).isEqualTo(15f);
        assertThat(y[17]).isEqualTo(1f);
    }

    @Test
    void roundHalfAwayMatchesCRoundf() {
        assertThat(GgmlCodec.roundHalfAway(2.5f)).isEqualTo(3);
        assertThat(GgmlCodec.roundHalfAway(-2.5f)).isEqualTo(-3);
        assertThat(GgmlCodec.roundHalfAway(0.49999997f)).isZero();
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertThat(GgmlCodec.toBf16(1f)).isEqualTo((short) 0x3F80);
        assertThat(GgmlCodec.toBf16(Float.intBitsToFloat(0x3F808000))).isEqualTo((short) 0x3F80); // tie → even
        assertThat(GgmlCodec.toBf16(Float.intBitsToFloat(0x3F818000))).isEqualTo((short) 0x3F82); // tie → even (up)
    }
}
