package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufValue;
import java.util.OptionalLong;

/**
 * Hyper-parameters of a llama-architecture GGUF, read the way llama.cpp reads them for arch "llama".
 *
 * @param ropeDims   leading dimensions of each head that RoPE rotates ({@code llama.rope.dimension_count})
 * @param ropeBase   {@code llama.rope.freq_base} (llama.cpp's default 10000 when absent)
 * @param rmsEps     {@code llama.attention.layer_norm_rms_epsilon}
 */
public record LlamaConfig(int embedding, int layers, int heads, int kvHeads, int headDim, int feedForward, int vocabSize,
                          int ropeDims, float ropeBase, float rmsEps, int bosId) {

    public int kvDim() {
        return kvHeads * headDim;
    }

    public static LlamaConfig of(GgufFile g) throws ReferenceModelException {
        String arch = g.architecture().orElse("(none)");
        if (!arch.equals("llama")) {
            throw new ReferenceModelException("the reference forward pass supports architecture 'llama' only; "
                    + g.path().getFileName() + " is '" + arch + "'");
        }
        String scaling = g.string("llama.rope.scaling.type").orElse("none");
        if (!scaling.equals("none")) {
            throw new ReferenceModelException("RoPE scaling '" + scaling + "' is not modelled by the reference forward pass");
        }
        int e = required(g, "embedding_length");
        int heads = required(g, "attention.head_count");
        int kvHeads = (int) g.archInteger("attention.head_count_kv").orElse(heads);
        int headDim = (int) g.archInteger("attention.key_length").orElse(e / Math.max(1, heads));
        if (heads < 1 || kvHeads < 1 || heads % kvHeads != 0 || headDim * heads != e) {
            throw new ReferenceModelException("unsupported attention shape: " + heads + " heads, " + kvHeads
                    + " kv heads, head size " + headDim + ", embedding " + e);
        }
        int ropeDims = (int) g.archInteger("rope.dimension_count").orElse(headDim);
        if (ropeDims > headDim || ropeDims % 2 != 0) {
            throw new ReferenceModelException("rope.dimension_count " + ropeDims + " does not fit head size " + headDim);
        }
        int vocab = g.value("tokenizer.ggml.tokens").map(v -> ((java.util.List<?>) v.value()).size())
                .orElse((int) g.archInteger("vocab_size").orElse(0));
        return new LlamaConfig(e, required(g, "block_count"), heads, kvHeads, headDim, required(g, "feed_forward_length"),
                vocab, ropeDims, floatValue(g, "llama.rope.freq_base", 10000f),
                floatValue(g, "llama.attention.layer_norm_rms_epsilon", 1e-5f),
                (int) g.integer("tokenizer.ggml.bos_token_id").orElse(1));
    }

    private static int required(GgufFile g, String suffix) throws ReferenceModelException {
        OptionalLong v = g.archInteger(suffix);
        if (v.isEmpty() || v.getAsLong() < 1 || v.getAsLong() > Integer.MAX_VALUE) {
            throw new ReferenceModelException(g.path().getFileName() + ": metadata llama." + suffix + " is missing or invalid");
        }
        return (int) v.getAsLong();
    }

    private static float floatValue(GgufFile g, String key, float fallback) {
        return g.value(key).map(GgufValue::value).map(v -> v instanceof Number n ? n.floatValue() : null).orElse(fallback);
    }
}
