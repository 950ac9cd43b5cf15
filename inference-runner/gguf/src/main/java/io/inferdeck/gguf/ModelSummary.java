package io.inferdeck.gguf;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What an operator wants to know about a model file at a glance, derived from its GGUF header:
 * architecture, shape, trained context and the dominant weight type ("quant").
 */
public record ModelSummary(String name, String architecture, long parameters, long fileBytes, String quant,
                           OptionalLong contextLength, OptionalLong layers, OptionalLong embedding,
                           OptionalLong heads, OptionalLong kvHeads, long vocabSize) {

    public static ModelSummary of(GgufFile g) {
        String arch = g.architecture().orElse("unknown");
        long vocab = g.value("tokenizer.ggml.tokens").map(v -> (long) v.asList().size()).orElse(0L);
        return new ModelSummary(
                g.string("general.name").orElse(g.path().getFileName().toString()),
                arch, g.parameterCount(), g.fileSize(), dominantType(g),
                g.archInteger("context_length"), g.archInteger("block_count"), g.archInteger("embedding_length"),
                g.archInteger("attention.head_count"), g.archInteger("attention.head_count_kv"), vocab);
    }

    /** The type holding most weight bytes among 2-D tensors (1-D norms are F32 in every variant). */
    static String dominantType(GgufFile g) {
        Map<GgmlType, Long> bytes = new EnumMap<>(GgmlType.class);
        for (GgufTensorInfo t : g.tensors()) {
            if (t.dims().length >= 2) {
                bytes.merge(t.type(), t.byteSize(), Long::sum);
            }
        }
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getKey().name()).orElse("unknown");
    }
}
