package io.inferdeck.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The k-quant codecs against stored vectors that ggml itself produced: {@code src/test/c/kquant_vectors.c}
 * called {@code quantize_row_q*_K_ref} and {@code dequantize_row_q*_K} of the llama.cpp library bundled with
 * the runner on twelve edge-case blocks (docs/quantization.md says how to regenerate them). Unlike
 * {@code GgmlLibraryCrossCheckTest} this needs no native code, so it runs on every platform.
 */
class KQuantVectorsTest {
    private static final int QK_K = 256;
    /** The block kinds in kquant_vectors.c's order. */
    private static final List<String> KINDS = List.of("all zeros", "constant positive", "constant negative",
            "negative only", "ten decades in one block", "sparse outliers x1000", "fp16 scale underflow",
            "fp16 scale overflow", "typical weights", "offset, mostly positive", "positive first half",
            "one spike among zeros");

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K"})
    void encodesEveryBlockExactlyAsGgmlDid(GgmlType type) throws IOException {
        float[] x = floats("inputs.f32");
        byte[] expected = bytes(fileStem(type) + ".bin");
        assertThat(expected).hasSize(KINDS.size() * type.typeSize());
        for (int b = 0; b < KINDS.size(); b++) {
            byte[] actual = new byte[type.typeSize()];
            java.util.Arrays.fill(actual, (byte) 0x5A); // every byte must be written
            GgmlCodec.encode(type, x, b * QK_K, QK_K, actual, 0);
            byte[] want = java.util.Arrays.copyOfRange(expected, b * type.typeSize(), (b + 1) * type.typeSize());
            assertThat(actual).as("%s block %d (%s)", type, b, KINDS.get(b)).isEqualTo(want);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K"})
    void decodesGgmlsBlocksToGgmlsValues(GgmlType type) throws IOException {
        byte[] q = bytes(fileStem(type) + ".bin");
        float[] expected = floats(fileStem(type) + ".deq.f32");
        float[] actual = new float[expected.length];
        GgmlCodec.decode(type, q, 0, actual.length, actual, 0);
        for (int i = 0; i < actual.length; i++) {
            // −0 and +0 are equal here: the sign of a zero changes no dot product
            boolean same = actual[i] == expected[i] || Float.isNaN(actual[i]) && Float.isNaN(expected[i]);
            assertThat(same).as("%s value %d (block %s): %s, ggml %s", type, i, KINDS.get(i / QK_K), actual[i], expected[i])
                    .isTrue();
        }
    }

    private static String fileStem(GgmlType type) {
        return type.name().toLowerCase(Locale.ROOT).replace("_k", "_K");
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = KQuantVectorsTest.class.getResourceAsStream("kquant-vectors/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static float[] floats(String name) throws IOException {
        byte[] raw = bytes(name);
        assertThat(raw).hasSize(KINDS.size() * QK_K * Float.BYTES);
        float[] out = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
