package io.inferdeck.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The k-quant codecs against reference vectors. How the vectors are produced: {@link KQuantInputs} makes
 * seeded rows (random Gaussian at many scales, offsets, outliers, all-zero, constant, fp16 under- and
 * overflow); {@link KQuantReference}, a literal transcription of ggml's {@code quantize_row_q*_K_ref}
 * kept apart from the production code, quantizes each row; the codec must produce the same bytes. (The
 * same codecs are also compared with ggml itself — the llama.cpp library bundled with the runner — in the
 * tuning module's {@code GgmlLibraryCrossCheckTest}.)
 */
class KQuantCodecTest {
    private static final int ROW = 256 * 8;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K"})
    void blocksAreByteIdenticalToTheReferenceTranscription(GgmlType type) {
        int rows = 0;
        for (float[] x : KQuantInputs.rows(16L + type.id(), 120, ROW)) {
            byte[] expected = new byte[(int) type.bytesFor(ROW)];
            switch (type) {
                case Q2_K -> KQuantReference.quantizeRowQ2K(x, expected, ROW);
                case Q3_K -> KQuantReference.quantizeRowQ3K(x, expected, ROW);
                case Q4_K -> KQuantReference.quantizeRowQ45K(x, expected, ROW, false);
                case Q5_K -> KQuantReference.quantizeRowQ45K(x, expected, ROW, true);
                default -> KQuantReference.quantizeRowQ6K(x, expected, ROW);
            }
            byte[] actual = new byte[expected.length];
            java.util.Arrays.fill(actual, (byte) 0x5A); // every byte must be written, stale content included
            GgmlCodec.encode(type, x, 0, ROW, actual, 0);
            assertThat(actual).as("%s row %d", type, rows).isEqualTo(expected);
            rows++;
        }
        assertThat(rows).isEqualTo(125);
    }

    /**
     * A uniform b-bit quantizer spanning ±3σ of Gaussian data has relative RMS error 6/((2^b−1)·√12); the
     * k-quants adapt their scale per 16/32 values, so they must do at least that well on Gaussian rows.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q5_1"})
    void roundTripErrorIsWithinAUniformQuantizersBound(GgmlType type) {
        int bits = switch (type) {
            case Q2_K -> 2;
            case Q3_K -> 3;
            case Q4_K -> 4;
            case Q5_K, Q5_1 -> 5;
            default -> 6;
        };
        double bound = 6 / (((1 << bits) - 1) * Math.sqrt(12));
        SplittableRandom rnd = new SplittableRandom(99);
        for (int trial = 0; trial < 20; trial++) {
            double scale = Math.pow(10, rnd.nextInt(-3, 3));
            float[] x = new float[ROW];
            for (int i = 0; i < ROW; i++) x[i] = (float) (rnd.nextGaussian() * scale);
            byte[] q = new byte[(int) type.bytesFor(ROW)];
            GgmlCodec.encode(type, x, 0, ROW, q, 0);
            float[] y = new float[ROW];
            GgmlCodec.decode(type, q, 0, ROW, y, 0);
            double err = 0, energy = 0;
            for (int i = 0; i < ROW; i++) {
                err += (y[i] - x[i]) * (double) (y[i] - x[i]);
                energy += x[i] * (double) x[i];
            }
            assertThat(Math.sqrt(err / energy)).as("%s relative RMS error, trial %d", type, trial).isLessThan(bound);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q5_1"})
    void allZeroBlocksDecodeToZeroAndConstantsStayClose(GgmlType type) {
        float[] zero = new float[256];
        byte[] q = new byte[(int) type.bytesFor(256)];
        GgmlCodec.encode(type, zero, 0, 256, q, 0);
        float[] y = new float[256];
        GgmlCodec.decode(type, q, 0, 256, y, 0);
        for (float v : y) {
            assertThat(v == 0f).as("%s decodes an all-zero block to ±0, got %s", type, v).isTrue();
        }

        float[] constant = new float[256];
        java.util.Arrays.fill(constant, 0.5f);
        GgmlCodec.encode(type, constant, 0, 256, q, 0);
        GgmlCodec.decode(type, q, 0, 256, y, 0);
        for (float v : y) {
            assertThat((double) v).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.5 / 3));
        }
    }
}
