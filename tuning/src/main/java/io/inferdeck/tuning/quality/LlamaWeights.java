package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgmlCodec;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufTensorInfo;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every weight of a llama GGUF dequantized to F32 with {@link GgmlCodec} (the same decoding llama.cpp's
 * CPU backend applies). Matrices are row-major as ggml stores them: {@code rows = ne[1]} output features,
 * each a row of {@code ne[0]} input features, so {@code y = W x} is one dot product per row. Immutable
 * after loading; safe to share between threads.
 */
final class LlamaWeights {
    /** Tensors a llama layer may hold; anything else (biases, rope_freqs, experts) is refused, not ignored. */
    private static final List<String> LAYER_TENSORS = List.of("attn_norm", "attn_q", "attn_k", "attn_v", "attn_output",
            "ffn_norm", "ffn_gate", "ffn_up", "ffn_down");

    final LlamaConfig config;
    final float[] tokenEmbedding;   // vocab × embedding
    final float[] outputNorm;
    final float[] output;           // vocab × embedding (the embedding itself when the model ties them)
    final Layer[] layers;

    record Layer(float[] attnNorm, float[] wq, float[] wk, float[] wv, float[] wo,
                 float[] ffnNorm, float[] gate, float[] up, float[] down) {
    }

    private LlamaWeights(LlamaConfig config, float[] tokenEmbedding, float[] outputNorm, float[] output, Layer[] layers) {
        this.config = config;
        this.tokenEmbedding = tokenEmbedding;
        this.outputNorm = outputNorm;
        this.output = output;
        this.layers = layers;
    }

    static LlamaWeights load(GgufFile g, LlamaConfig c) throws IOException, ReferenceModelException {
        checkKnownTensors(g, c);
        long floats = g.parameterCount();
        long room = Runtime.getRuntime().maxMemory() - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        if (floats * 4 > room * 8 / 10) {
            throw new ReferenceModelException(g.path().getFileName() + " needs " + (floats * 4 >> 20) + " MiB as F32 weights; "
                    + "this JVM has about " + (room >> 20) + " MiB free (raise -Xmx or use a smaller model)");
        }
        try (FileChannel ch = FileChannel.open(g.path(), StandardOpenOption.READ)) {
            Reader r = new Reader(g, ch);
            int e = c.embedding();
            float[] embd = r.matrix("token_embd.weight", e, c.vocabSize());
            float[] out = g.tensor("output.weight").isPresent() ? r.matrix("output.weight", e, c.vocabSize()) : embd;
            Layer[] layers = new Layer[c.layers()];
            for (int l = 0; l < layers.length; l++) {
                String p = "blk." + l + ".";
                layers[l] = new Layer(r.matrix(p + "attn_norm.weight", e, 1), r.matrix(p + "attn_q.weight", e, e),
                        r.matrix(p + "attn_k.weight", e, c.kvDim()), r.matrix(p + "attn_v.weight", e, c.kvDim()),
                        r.matrix(p + "attn_output.weight", e, e), r.matrix(p + "ffn_norm.weight", e, 1),
                        r.matrix(p + "ffn_gate.weight", e, c.feedForward()), r.matrix(p + "ffn_up.weight", e, c.feedForward()),
                        r.matrix(p + "ffn_down.weight", c.feedForward(), e));
            }
            return new LlamaWeights(c, embd, r.matrix("output_norm.weight", e, 1), out, layers);
        }
    }

    private static void checkKnownTensors(GgufFile g, LlamaConfig c) throws ReferenceModelException {
        Set<String> known = new HashSet<>(List.of("token_embd.weight", "output_norm.weight", "output.weight"));
        for (int l = 0; l < c.layers(); l++) {
            for (String t : LAYER_TENSORS) {
                known.add("blk." + l + "." + t + ".weight");
            }
        }
        for (GgufTensorInfo t : g.tensors()) {
            if (!known.contains(t.name())) {
                throw new ReferenceModelException("tensor '" + t.name() + "' is not part of the plain llama forward pass "
                        + "this reference implements; refusing rather than ignoring it");
            }
        }
    }

    /** Reads and decodes tensors, checking each one's presence and shape. */
    private record Reader(GgufFile g, FileChannel ch) {
        float[] matrix(String name, int rowLength, int rows) throws IOException, ReferenceModelException {
            GgufTensorInfo t = g.tensor(name).orElseThrow(() ->
                    new ReferenceModelException(g.path().getFileName() + " has no tensor '" + name + "'"));
            long[] d = t.dims();
            long actualRows = d.length == 1 ? 1 : t.rows();
            if (d[0] != rowLength || actualRows != rows) {
                throw new ReferenceModelException("tensor '" + name + "' is " + java.util.Arrays.toString(d)
                        + ", expected [" + rowLength + (rows == 1 ? "" : ", " + rows) + "]");
            }
            GgmlType type = t.type();
            byte[] raw = new byte[Math.toIntExact(t.byteSize())];
            ByteBuffer bb = ByteBuffer.wrap(raw);
            long pos = g.absoluteOffset(t);
            while (bb.hasRemaining()) {
                int n = ch.read(bb, pos);
                if (n < 0) {
                    throw new EOFException(name + ": file ends at byte " + pos);
                }
                pos += n;
            }
            float[] values = new float[Math.toIntExact(t.elements())];
            try {
                GgmlCodec.decode(type, raw, 0, values.length, values, 0);
            } catch (IllegalArgumentException e) {
                throw new ReferenceModelException("tensor '" + name + "' has type " + type + ", which the reference cannot decode");
            }
            return values;
        }
    }
}
