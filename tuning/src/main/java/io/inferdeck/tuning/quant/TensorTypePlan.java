package io.inferdeck.tuning.quant;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufTensorInfo;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type each tensor of one source file gets in a {@link QuantMix}, following llama.cpp's
 * {@code llama_tensor_get_type} (src/llama-quant.cpp) for dense llama-architecture models:
 * <ol>
 *   <li>Tensors that are not 2-D+ float weights, or that llama.cpp never quantizes (norms, MoE routers,
 *       position embeddings, SSM state), keep their type.</li>
 *   <li>Float mixes (F32/F16/BF16) apply no rules.</li>
 *   <li>Unless {@code pure}: {@code output.weight} (and {@code token_embd.weight} when the model has no
 *       output.weight, i.e. tied embeddings) becomes Q6_K — or Q8_0 when its rows don't fit Q6_K's 256-value
 *       blocks — unless the mix is Q8_0; attn_v, ffn_down and attn_output follow the mix's per-layer rules.</li>
 *   <li>Row-length fallback, as llama.cpp's tensor_type_fallback: a k-quant whose 256-value block does not
 *       divide the row becomes Q2_K/Q3_K → Q4_0, Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0, and F16 when even
 *       that does not fit. A legacy 32-value type that does not fit keeps the source type (llama.cpp refuses).</li>
 * </ol>
 * Not applied (they never match a dense llama model InferDeck writes): the MoE (8-expert), Falcon and
 * 70B-specific rules, the IQ/TQ/MXFP4 mixes, and importance-matrix-dependent branches.
 */
public final class TensorTypePlan {
    private static final List<String> NEVER_QUANTIZED = List.of("norm", "ffn_gate_inp.weight", "pos_embd",
            "token_types", "ssm_conv1d", "ssm_a", "ssm_d");
    private static final Pattern LAYER = Pattern.compile("^blk\\.(\\d+)\\.");

    private final QuantMix mix;
    private final boolean pure;
    private final boolean tiedEmbeddings;
    private final int gqa;
    private final int attnVCount;
    private final int ffnDownCount;

    public TensorTypePlan(GgufFile source, QuantMix mix, boolean pure) {
        this.mix = mix;
        this.pure = pure;
        List<GgufTensorInfo> tensors = source.tensors();
        this.tiedEmbeddings = tensors.stream().noneMatch(t -> t.name().equals("output.weight"));
        this.attnVCount = (int) tensors.stream().filter(t -> t.name().contains("attn_v.weight")).count();
        this.ffnDownCount = (int) tensors.stream().filter(t -> t.name().contains("ffn_down")).count();
        String arch = source.string("general.architecture").orElse("llama");
        long heads = source.integer(arch + ".attention.head_count").orElse(1L);
        long kvHeads = source.integer(arch + ".attention.head_count_kv").orElse(heads);
        this.gqa = kvHeads > 0 ? (int) (heads / kvHeads) : 1;
    }

    /** Whether {@code t} is a weight the quantizer re-encodes at all. */
    static boolean quantizable(GgufTensorInfo t) {
        return t.dims().length >= 2 && Quantizer.FLOAT_SOURCES.contains(t.type())
                && NEVER_QUANTIZED.stream().noneMatch(t.name()::contains);
    }

    /** The type {@code t} is written in. */
    public GgmlType typeOf(GgufTensorInfo t) {
        if (!quantizable(t)) {
            return t.type();
        }
        GgmlType type = mix.base();
        if (!type.quantized()) {
            return type;
        }
        if (!pure) {
            type = mixRule(t, type);
        }
        return fallback(t, type);
    }

    private GgmlType mixRule(GgufTensorInfo t, GgmlType type) {
        String name = t.name();
        if (name.equals("output.weight") || tiedEmbeddings && name.equals("token_embd.weight")) {
            if (t.rowLength() % type.blockSize() != 0) {
                return GgmlType.Q8_0;
            }
            return type == GgmlType.Q8_0 ? type : GgmlType.Q6_K;
        }
        QuantMix.LayerRule rule = QuantMix.LayerRule.NONE;
        int layers = 0;
        if (name.contains("attn_v.weight")) {
            rule = mix.attnV();
            layers = attnVCount;
        } else if (name.contains("ffn_down")) {
            rule = mix.ffnDown();
            layers = ffnDownCount;
        } else if (name.contains("attn_output.weight")) {
            rule = mix.attnOutput();
        }
        GgmlType chosen = rule.typeFor(layer(name), layers, gqa);
        return chosen != null ? chosen : type;
    }

    private static GgmlType fallback(GgufTensorInfo t, GgmlType type) {
        long row = t.rowLength();
        if (row % type.blockSize() == 0) {
            return type;
        }
        GgmlType alternative = switch (type) {
            case Q2_K, Q3_K -> GgmlType.Q4_0;
            case Q4_K -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> t.type();
        };
        return row % alternative.blockSize() == 0 ? alternative : GgmlType.F16;
    }

    /** The layer number in "blk.N.…" (llama.cpp counts tensors in file order, which is layer order here). */
    private static int layer(String name) {
        Matcher m = LAYER.matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
