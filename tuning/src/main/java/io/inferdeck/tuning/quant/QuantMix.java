package io.inferdeck.tuning.quant;

import io.inferdeck.gguf.GgmlType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * llama.cpp's file types ({@code llama_ftype}, the names {@code llama-quantize} accepts): a base tensor
 * type plus, for the k-quant mixes, which llama-architecture tensors get more bits. The rules are the
 * llama-architecture, dense-model subset of {@code llama_tensor_get_type} in llama.cpp's
 * {@code src/llama-quant.cpp}; {@link TensorTypePlan} applies them together with the output-tensor rule and
 * the row-length fallback. Each constant's three rules (attn_v, ffn_down, attn_output) return the type
 * for layer {@code i} of {@code n}; {@code null} keeps the base type.
 */
public enum QuantMix {
    F32(0, GgmlType.F32),
    F16(1, GgmlType.F16),
    BF16(32, GgmlType.BF16),
    Q8_0(7, GgmlType.Q8_0),
    Q4_0(2, GgmlType.Q4_0),
    Q4_1(3, GgmlType.Q4_1),
    Q5_0(8, GgmlType.Q5_0),
    Q5_1(9, GgmlType.Q5_1),
    Q2_K(10, GgmlType.Q2_K, (i, n, gqa) -> gqa >= 4 ? GgmlType.Q4_K : GgmlType.Q3_K,
            (i, n, gqa) -> GgmlType.Q3_K, (i, n, gqa) -> GgmlType.Q3_K),
    Q3_K_S(11, GgmlType.Q3_K),
    Q3_K_M(12, GgmlType.Q3_K, (i, n, gqa) -> i < 2 ? GgmlType.Q5_K : GgmlType.Q4_K,
            (i, n, gqa) -> i < n / 16 ? GgmlType.Q5_K : GgmlType.Q4_K, (i, n, gqa) -> GgmlType.Q4_K),
    Q3_K_L(13, GgmlType.Q3_K, (i, n, gqa) -> GgmlType.Q5_K, (i, n, gqa) -> GgmlType.Q5_K, (i, n, gqa) -> GgmlType.Q5_K),
    Q4_K_S(14, GgmlType.Q4_K, (i, n, gqa) -> i < 4 ? GgmlType.Q5_K : null,
            (i, n, gqa) -> i < n / 8 ? GgmlType.Q5_K : null, LayerRule.NONE),
    Q4_K_M(15, GgmlType.Q4_K, QuantMix::sixBitsInSensitiveLayers, QuantMix::sixBitsInSensitiveLayers, LayerRule.NONE),
    Q5_K_S(16, GgmlType.Q5_K),
    Q5_K_M(17, GgmlType.Q5_K, QuantMix::sixBitsInSensitiveLayers, QuantMix::sixBitsInSensitiveLayers, LayerRule.NONE),
    Q6_K(18, GgmlType.Q6_K);

    /** A per-layer choice: the type for layer {@code i} of {@code n} at grouped-query factor {@code gqa}, or null. */
    @FunctionalInterface
    interface LayerRule {
        LayerRule NONE = (i, n, gqa) -> null;

        GgmlType typeFor(int i, int n, int gqa);
    }

    private final int fileType;
    private final GgmlType base;
    private final LayerRule attnV;
    private final LayerRule ffnDown;
    private final LayerRule attnOutput;

    QuantMix(int fileType, GgmlType base) {
        this(fileType, base, LayerRule.NONE, LayerRule.NONE, LayerRule.NONE);
    }

    QuantMix(int fileType, GgmlType base, LayerRule attnV, LayerRule ffnDown, LayerRule attnOutput) {
        this.fileType = fileType;
        this.base = base;
        this.attnV = attnV;
        this.ffnDown = ffnDown;
        this.attnOutput = attnOutput;
    }

    /** llama.cpp's {@code general.file_type} number. */
    public int fileType() {
        return fileType;
    }

    /** The type of every weight the mix does not single out. */
    public GgmlType base() {
        return base;
    }

    LayerRule attnV() {
        return attnV;
    }

    LayerRule ffnDown() {
        return ffnDown;
    }

    LayerRule attnOutput() {
        return attnOutput;
    }

    /** The mix named like {@code llama-quantize}'s types ("q4_k_m", "Q8_0"), case-insensitive. */
    public static Optional<QuantMix> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The plain file type whose base is {@code type} (the legacy single-type targets). */
    public static Optional<QuantMix> of(GgmlType type) {
        return byName(type.name()).filter(m -> m.base == type);
    }

    /**
     * llama.cpp's use_more_bits: the first and last eighth of the layers and every third one between get
     * Q6_K in the _M mixes.
     */
    private static GgmlType sixBitsInSensitiveLayers(int i, int n, int gqa) {
        boolean more = i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
        return more ? GgmlType.Q6_K : null;
    }

    @Override
    public String toString() {
        return name().toUpperCase(Locale.ROOT);
    }
}
