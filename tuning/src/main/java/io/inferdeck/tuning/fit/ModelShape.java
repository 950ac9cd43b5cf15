package io.inferdeck.tuning.fit;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufTensorInfo;
import io.inferdeck.gguf.GgufValue;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the memory estimate needs to know about a model, read from its GGUF header only (no tensor data).
 * Byte figures are exact tensor sizes; "matrix" means a tensor of 2+ dimensions (the ones llama.cpp's row
 * split distributes), "other" the 1-D rest (norms, biases).
 *
 * @param layerMatrixBytes  per repeating layer ({@code blk.N.*}), bytes of 2+-D tensors
 * @param layerOtherBytes   per repeating layer, bytes of 1-D tensors
 * @param inputBytes        token embeddings and other non-layer tensors; llama.cpp keeps them on the CPU
 * @param outputMatrixBytes {@code output.weight}, or the token embedding duplicated when the model ties them
 * @param outputOtherBytes  output norm and bias
 * @param kvHeads           per layer (some architectures vary it)
 * @param keyLength         K head dimension; {@code valueLength} the V head dimension
 */
public record ModelShape(String architecture, int layers, long embedding, long feedForward, int heads,
                         int[] kvHeads, long keyLength, long valueLength, long vocab, long trainedContext,
                         long[] layerMatrixBytes, long[] layerOtherBytes, long inputBytes,
                         long outputMatrixBytes, long outputOtherBytes, Map<GgmlType, Long> bytesByType) {
    private static final Pattern LAYER = Pattern.compile("^blk\\.(\\d+)\\.");

    public ModelShape {
        kvHeads = kvHeads.clone();
        layerMatrixBytes = layerMatrixBytes.clone();
        layerOtherBytes = layerOtherBytes.clone();
        bytesByType = Map.copyOf(bytesByType);
        if (kvHeads.length != layers || layerMatrixBytes.length != layers || layerOtherBytes.length != layers) {
            throw new IllegalArgumentException("per-layer arrays must have " + layers + " entries");
        }
    }

    /** Reads the shape; throws IllegalArgumentException naming the missing key when the header lacks one. */
    public static ModelShape from(GgufFile g) {
        String arch = g.architecture().orElseThrow(() -> new IllegalArgumentException("general.architecture missing"));
        int layers = Math.toIntExact(required(g, "block_count"));
        long embedding = required(g, "embedding_length");
        int heads = Math.toIntExact(required(g, "attention.head_count"));
        long headDim = embedding / heads;
        long[] matrix = new long[layers];
        long[] other = new long[layers];
        long input = 0, outMatrix = 0, outOther = 0, tokenEmbd = 0, vocab = 0;
        boolean hasOutput = false;
        Map<GgmlType, Long> byType = new EnumMap<>(GgmlType.class);
        for (GgufTensorInfo t : g.tensors()) {
            long bytes = t.byteSize();
            boolean isMatrix = t.dims().length >= 2;
            byType.merge(t.type(), bytes, Long::sum);
            Matcher m = LAYER.matcher(t.name());
            if (m.find() && Integer.parseInt(m.group(1)) < layers) {
                int il = Integer.parseInt(m.group(1));
                (isMatrix ? matrix : other)[il] += bytes;
            } else if (t.name().startsWith("output.") || t.name().startsWith("output_norm.")) {
                hasOutput |= t.name().equals("output.weight");
                if (isMatrix) outMatrix += bytes; else outOther += bytes;
            } else {
                input += bytes;
                if (t.name().equals("token_embd.weight")) {
                    tokenEmbd = bytes;
                    vocab = t.dims()[1];
                }
            }
        }
        if (!hasOutput) {
            outMatrix += tokenEmbd; // tied embeddings: llama.cpp loads a copy of token_embd as the output layer
        }
        if (vocab == 0) {
            vocab = g.value("tokenizer.ggml.tokens").map(v -> (long) v.asList().size()).orElse(0L);
        }
        return new ModelShape(arch, layers, embedding, g.archInteger("feed_forward_length").orElse(4 * embedding), heads,
                kvHeads(g, layers, heads), g.archInteger("attention.key_length").orElse(headDim),
                g.archInteger("attention.value_length").orElse(headDim), vocab, g.archInteger("context_length").orElse(0),
                matrix, other, input, outMatrix, outOther, byType);
    }

    private static long required(GgufFile g, String suffix) {
        OptionalLong v = g.archInteger(suffix);
        if (v.isEmpty() || v.getAsLong() <= 0) {
            throw new IllegalArgumentException(g.architecture().orElse("?") + "." + suffix + " missing from the GGUF header");
        }
        return v.getAsLong();
    }

    /** head_count_kv is a scalar, a per-layer array, or absent (then equal to head_count). */
    private static int[] kvHeads(GgufFile g, int layers, int heads) {
        int[] out = new int[layers];
        Optional<GgufValue> v = g.architecture().flatMap(a -> g.value(a + ".attention.head_count_kv"));
        for (int i = 0; i < layers; i++) {
            if (v.isEmpty()) {
                out[i] = heads;
            } else if (v.get().isInteger()) {
                out[i] = Math.toIntExact(v.get().asLong());
            } else {
                List<?> list = v.get().asList();
                out[i] = ((Number) list.get(Math.min(i, list.size() - 1))).intValue();
            }
        }
        return out;
    }

    public int[] kvHeads() {
        return kvHeads.clone();
    }

    public long[] layerMatrixBytes() {
        return layerMatrixBytes.clone();
    }

    public long[] layerOtherBytes() {
        return layerOtherBytes.clone();
    }

    public long layerBytes(int il) {
        return layerMatrixBytes[il] + layerOtherBytes[il];
    }

    /** All tensor bytes (the output counted once more when duplicated from tied embeddings). */
    public long weightBytes() {
        long sum = inputBytes + outputMatrixBytes + outputOtherBytes;
        for (int il = 0; il < layers; il++) {
            sum += layerBytes(il);
        }
        return sum;
    }
}
