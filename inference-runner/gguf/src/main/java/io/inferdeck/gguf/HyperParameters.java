package io.inferdeck.gguf;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The hyper-parameters llama.cpp divides by, indexes with or asserts on: a zero, NaN or inconsistent
 * value there aborts the engine (GGML_ASSERT, exit 134) or reads out of bounds instead of being refused.
 * Runs after {@link MetadataTypes}, so every known key already has its expected type. Limits are
 * llama.cpp's: LLAMA_MAX_LAYERS 512, LLAMA_MAX_EXPERTS 256 (the build bundled with de.kherud:llama 4.2.0).
 */
final class HyperParameters implements ModelCheck {
    static final int MAX_LAYERS = 512;
    static final int MAX_EXPERTS = 256;

    @Override
    public void check(GgufFile g) throws GgufFormatException {
        String a = g.architecture().orElseThrow() + ".";
        long ctx = required(g, a + "context_length");
        positive(a + "context_length", ctx);
        long embd = required(g, a + "embedding_length");
        positive(a + "embedding_length", embd);
        long layers = required(g, a + "block_count");
        if (layers < 1 || layers > MAX_LAYERS) {
            throw new GgufFormatException("metadata '" + a + "block_count' is " + layers + ", expected 1.." + MAX_LAYERS);
        }
        finiteFloats(g, a);
        positiveFloat(g, a + "attention.layer_norm_rms_epsilon");
        positiveFloat(g, a + "attention.layer_norm_epsilon");
        positiveFloat(g, a + "rope.freq_base");
        attention(g, a, embd, layers);
        experts(g, a);
    }

    private static void attention(GgufFile g, String a, long embd, long layers) throws GgufFormatException {
        boolean hasAttention = g.tensors().stream().anyMatch(t -> t.name().contains(".attn_q") || t.name().contains(".attn_qkv"));
        if (!hasAttention) {
            return;
        }
        List<Long> heads = perLayer(g, a + "attention.head_count", layers).orElseThrow(() ->
                new GgufFormatException("missing metadata '" + a + "attention.head_count' (the model has attention tensors)"));
        List<Long> kvHeads = perLayer(g, a + "attention.head_count_kv", layers).orElse(heads);
        OptionalLong keyLength = g.integer(a + "attention.key_length");
        for (int l = 0; l < layers; l++) {
            long h = heads.get(l);
            long kv = kvHeads.get(l);
            positive(a + "attention.head_count", h);
            positive(a + "attention.head_count_kv", kv);
            if (h % kv != 0) {
                throw new GgufFormatException("metadata '" + a + "attention.head_count_kv' (" + kv
                        + ") does not divide '" + a + "attention.head_count' (" + h + ")");
            }
            if (keyLength.isEmpty() && embd % h != 0) {
                throw new GgufFormatException("metadata '" + a + "embedding_length' (" + embd
                        + ") is not a multiple of '" + a + "attention.head_count' (" + h + ")");
            }
        }
        long headDim = keyLength.orElse(embd / heads.getFirst());
        positive(a + "attention.key_length", headDim);
        OptionalLong rot = g.integer(a + "rope.dimension_count");
        if (rot.isPresent() && (rot.getAsLong() < 2 || rot.getAsLong() > headDim || rot.getAsLong() % 2 != 0)) {
            throw new GgufFormatException("metadata '" + a + "rope.dimension_count' is " + rot.getAsLong()
                    + ", expected an even number in 2.." + headDim + " (the head size)");
        }
    }

    private static void experts(GgufFile g, String a) throws GgufFormatException {
        long count = g.integer(a + "expert_count").orElse(0);
        long used = g.integer(a + "expert_used_count").orElse(0);
        if (count > MAX_EXPERTS) {
            throw new GgufFormatException("metadata '" + a + "expert_count' is " + count + ", at most " + MAX_EXPERTS + " supported");
        }
        if (count == 0 && used != 0) {
            throw new GgufFormatException("metadata '" + a + "expert_used_count' is " + used + " but the model has no experts");
        }
        if (count > 0 && (used < 1 || used > count)) {
            throw new GgufFormatException("metadata '" + a + "expert_used_count' is " + used + ", expected 1.."
                    + count + " ('" + a + "expert_count')");
        }
    }

    /** One value per layer: a scalar repeated, or an array that must have exactly {@code layers} entries. */
    static java.util.Optional<List<Long>> perLayer(GgufFile g, String key, long layers) throws GgufFormatException {
        GgufValue v = g.metadata().get(key);
        if (v == null) {
            return java.util.Optional.empty();
        }
        if (v.type() != GgufValueType.ARRAY) {
            return java.util.Optional.of(java.util.Collections.nCopies((int) layers, v.asLong()));
        }
        if (v.asList().size() != layers) {
            throw new GgufFormatException("metadata '" + key + "' has " + v.asList().size() + " entries for " + layers + " layers");
        }
        return java.util.Optional.of(v.asList().stream().map(o -> (Long) o).toList());
    }

    private static long required(GgufFile g, String key) throws GgufFormatException {
        return g.integer(key).orElseThrow(() -> new GgufFormatException("missing metadata '" + key + "'"));
    }

    private static void positive(String key, long value) throws GgufFormatException {
        if (value <= 0) {
            throw new GgufFormatException("metadata '" + key + "' is " + value + ", expected > 0");
        }
    }

    private static void positiveFloat(GgufFile g, String key) throws GgufFormatException {
        GgufValue v = g.metadata().get(key);
        if (v != null && !(v.asDouble() > 0)) {
            throw new GgufFormatException("metadata '" + key + "' is " + v.asDouble() + ", expected > 0");
        }
    }

    /** NaN or infinity in any float hyper-parameter propagates into every activation. */
    private static void finiteFloats(GgufFile g, String prefix) throws GgufFormatException {
        for (Map.Entry<String, GgufValue> e : g.metadata().entrySet()) {
            Object o = e.getValue().value();
            if (e.getKey().startsWith(prefix) && o instanceof Double d && !Double.isFinite(d)) {
                throw new GgufFormatException("metadata '" + e.getKey() + "' is " + d + ", expected a finite number");
            }
        }
    }
}
