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

    static final String UNKNOWN = "unknown";

    /**
     * The header as {@code inferdeck model inspect} prints it and the Models page's Inspect shows it: one
     * "label  value" line per fact, "n/a" for one the file does not declare, then the GGUF version and counts.
     */
    public static java.util.List<String> describe(GgufFile g) {
        ModelSummary s = of(g);
        java.util.Locale l = java.util.Locale.ROOT;
        return java.util.List.of("name          " + s.name(), "architecture  " + s.architecture(), "quant         " + s.quant(),
                String.format(l, "parameters    %,d", s.parameters()), String.format(l, "file size     %,d bytes", s.fileBytes()),
                "context       " + str(s.contextLength()), "layers        " + str(s.layers()),
                "embedding     " + str(s.embedding()), "heads         " + str(s.heads()) + " (kv " + str(s.kvHeads()) + ")",
                "vocabulary    " + s.vocabSize(), "chat template " + (g.string("tokenizer.chat_template").isPresent() ? "yes" : "no"),
                String.format(l, "GGUF v%d, %d tensors, %d metadata keys", g.version(), g.tensors().size(), g.metadata().size()));
    }

    private static String str(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "n/a";
    }

    /** The type holding most weight bytes among 2-D tensors (1-D norms are F32 in every variant). */
    static String dominantType(GgufFile g) {
        return dominantType(g.tensors());
    }

    /** The same over any tensors, e.g. every part of a split model. */
    static String dominantType(java.util.List<GgufTensorInfo> tensors) {
        Map<GgmlType, Long> bytes = new EnumMap<>(GgmlType.class);
        for (GgufTensorInfo t : tensors) {
            if (t.dims().length >= 2) {
                bytes.merge(t.type(), t.byteSize(), Long::sum);
            }
        }
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getKey().name()).orElse(UNKNOWN);
    }
}
