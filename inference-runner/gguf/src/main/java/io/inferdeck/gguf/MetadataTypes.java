package io.inferdeck.gguf;

import java.util.List;

/**
 * Known keys must have the type llama.cpp reads them as: its typed getters either refuse a mismatch or,
 * for arrays it reads raw (token scores, token types), reinterpret the bytes and abort or read out of
 * bounds. Types follow llama.cpp's llama-model-loader / llama-vocab readers. {@code %s} is the architecture.
 */
final class MetadataTypes implements ModelCheck {
    /** @param perLayer the key may also be an integer array with one value per layer (get_key_or_arr) */
    private record Expect(String key, GgufValueType type, GgufValueType element, boolean perLayer) {
        static Expect of(String key, GgufValueType type) {
            return new Expect(key, type, null, false);
        }

        static Expect array(String key, GgufValueType element) {
            return new Expect(key, GgufValueType.ARRAY, element, false);
        }

        static Expect layered(String key) {
            return new Expect(key, GgufValueType.UINT32, null, true);
        }
    }

    private static final GgufValueType U32 = GgufValueType.UINT32;
    private static final GgufValueType F32 = GgufValueType.FLOAT32;

    private static final List<Expect> EXPECTED = List.of(
            Expect.of("general.architecture", GgufValueType.STRING),
            Expect.of("general.name", GgufValueType.STRING),
            Expect.of("general.file_type", U32),
            Expect.of("general.quantization_version", U32),
            Expect.of("%s.context_length", U32),
            Expect.of("%s.embedding_length", U32),
            Expect.of("%s.block_count", U32),
            Expect.layered("%s.feed_forward_length"),
            Expect.layered("%s.attention.head_count"),
            Expect.layered("%s.attention.head_count_kv"),
            Expect.of("%s.attention.key_length", U32),
            Expect.of("%s.attention.value_length", U32),
            Expect.of("%s.attention.layer_norm_rms_epsilon", F32),
            Expect.of("%s.attention.layer_norm_epsilon", F32),
            Expect.of("%s.rope.dimension_count", U32),
            Expect.of("%s.rope.freq_base", F32),
            Expect.of("%s.rope.scaling.factor", F32),
            Expect.of("%s.expert_count", U32),
            Expect.of("%s.expert_used_count", U32),
            Expect.of("%s.vocab_size", U32),
            Expect.of("tokenizer.ggml.model", GgufValueType.STRING),
            Expect.of("tokenizer.ggml.pre", GgufValueType.STRING),
            Expect.array("tokenizer.ggml.tokens", GgufValueType.STRING),
            Expect.array("tokenizer.ggml.scores", F32),
            Expect.array("tokenizer.ggml.token_type", GgufValueType.INT32),
            Expect.array("tokenizer.ggml.merges", GgufValueType.STRING),
            Expect.of("tokenizer.ggml.bos_token_id", U32),
            Expect.of("tokenizer.ggml.eos_token_id", U32),
            Expect.of("tokenizer.ggml.unknown_token_id", U32),
            Expect.of("tokenizer.ggml.seperator_token_id", U32),
            Expect.of("tokenizer.ggml.padding_token_id", U32),
            Expect.of("tokenizer.ggml.add_bos_token", GgufValueType.BOOL),
            Expect.of("tokenizer.ggml.add_eos_token", GgufValueType.BOOL),
            Expect.of("tokenizer.chat_template", GgufValueType.STRING));

    @Override
    public void check(GgufFile g) throws GgufFormatException {
        GgufValue arch = g.metadata().get("general.architecture");
        if (arch == null) {
            throw new GgufFormatException("missing metadata 'general.architecture'");
        }
        for (Expect e : EXPECTED) {
            String key = e.key().contains("%s") && arch.value() instanceof String a ? e.key().formatted(a) : e.key();
            GgufValue v = g.metadata().get(key);
            if (v != null && !matches(e, v)) {
                throw new GgufFormatException("metadata '" + key + "' is " + describe(v) + ", expected " + describe(e));
            }
        }
    }

    private static boolean matches(Expect e, GgufValue v) {
        if (e.perLayer() && v.type() == GgufValueType.ARRAY) {
            return v.elementType() == GgufValueType.UINT32 || v.elementType() == GgufValueType.INT32;
        }
        return v.type() == e.type() && (e.element() == null || v.elementType() == e.element());
    }

    private static String describe(GgufValue v) {
        return v.type() == GgufValueType.ARRAY ? "an array of " + v.elementType() : v.type().name();
    }

    private static String describe(Expect e) {
        String base = e.element() != null ? "an array of " + e.element() : e.type().name();
        return e.perLayer() ? base + " or a per-layer integer array" : base;
    }
}
