package io.inferdeck.tuning.fit;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.GgufWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Test helper: header-only (sparse) GGUF files of real llama shapes, written with GgufWriter. */
final class LlamaShapes {
    private LlamaShapes() {
    }

    /** Llama-2 7B: 32 layers, 4096 embedding, 32 heads (no GQA), 11008 feed-forward, 32000 vocabulary. */
    static Path llama7b(Path dir, GgmlType weights) throws IOException {
        return write(dir.resolve("llama-7b-" + weights + ".gguf"), weights, 32, 4096, 32, 32, 11008, 32000);
    }

    static Path write(Path file, GgmlType weights, int layers, int embd, int heads, int kvHeads, int ff, int vocab)
            throws IOException {
        GgufWriter.TensorData never = out -> {
            throw new IllegalStateException("sparse files have no tensor data");
        };
        int kvDim = embd / heads * kvHeads;
        GgufWriter w = new GgufWriter()
                .put("general.architecture", GgufValue.str("llama"))
                .put("general.file_type", GgufValue.u32(weights.llamaFileType()))
                .put("llama.context_length", GgufValue.u32(4096))
                .put("llama.embedding_length", GgufValue.u32(embd))
                .put("llama.block_count", GgufValue.u32(layers))
                .put("llama.feed_forward_length", GgufValue.u32(ff))
                .put("llama.attention.head_count", GgufValue.u32(heads))
                .put("llama.attention.head_count_kv", GgufValue.u32(kvHeads));
        w.tensor("token_embd.weight", new long[] {embd, vocab}, weights, never);
        w.tensor("output_norm.weight", new long[] {embd}, GgmlType.F32, never);
        w.tensor("output.weight", new long[] {embd, vocab}, weights, never);
        for (int l = 0; l < layers; l++) {
            String p = "blk." + l + ".";
            w.tensor(p + "attn_norm.weight", new long[] {embd}, GgmlType.F32, never);
            w.tensor(p + "attn_q.weight", new long[] {embd, embd}, weights, never);
            w.tensor(p + "attn_k.weight", new long[] {embd, kvDim}, weights, never);
            w.tensor(p + "attn_v.weight", new long[] {embd, kvDim}, weights, never);
            w.tensor(p + "attn_output.weight", new long[] {embd, embd}, weights, never);
            w.tensor(p + "ffn_norm.weight", new long[] {embd}, GgmlType.F32, never);
            w.tensor(p + "ffn_gate.weight", new long[] {embd, ff}, weights, never);
            w.tensor(p + "ffn_up.weight", new long[] {embd, ff}, weights, never);
            w.tensor(p + "ffn_down.weight", new long[] {ff, embd}, weights, never);
        }
        w.writeSparseTo(file);
        return file;
    }
}
