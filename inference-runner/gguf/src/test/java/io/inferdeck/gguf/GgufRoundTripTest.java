package io.inferdeck.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void generatedModelReadsBackWithItsShape() throws Exception {
        Path file = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, file);
        GgufFile g = GgufReader.read(file);
        LlamaModelSpec s = LlamaModelSpec.TINY;
        assertThat(g.version()).isEqualTo(3);
        assertThat(g.architecture()).contains("llama");
        assertThat(g.archInteger("context_length")).hasValue(s.contextLength());
        assertThat(g.archInteger("block_count")).hasValue(s.layers());
        assertThat(g.archInteger("attention.head_count_kv")).hasValue(s.kvHeads());
        assertThat(g.integer("general.file_type")).hasValue(7);
        assertThat(g.value("tokenizer.ggml.tokens").orElseThrow().asList()).hasSize(s.vocabSize());
        assertThat(g.tensors()).hasSize(3 + 9 * s.layers());
        assertThat(g.parameterCount()).isEqualTo(s.parameterCount());
        assertThat(g.tensor("blk.1.attn_k.weight").orElseThrow().dims()).containsExactly(s.embedding(), s.kvDim());
        assertThat(g.tensor("output_norm.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
        assertThat(g.dataOffset() % 32).isZero();
        GgufTensorInfo last = g.tensors().getLast();
        assertThat(g.absoluteOffset(last) + last.byteSize()).isEqualTo(g.fileSize());
    }

    @Test
    void generationIsDeterministic() throws Exception {
        Path a = dir.resolve("a.gguf");
        Path b = dir.resolve("b.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, a);
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, b);
        assertThat(sha256(a)).isEqualTo(sha256(b));
    }

    @Test
    void quantizedVariantsShareTheSameUnderlyingWeights() throws Exception {
        Path f32 = dir.resolve("f32.gguf");
        Path q8 = dir.resolve("q8.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, f32);
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, q8);
        float[] exact = tensorValues(f32, "blk.0.ffn_up.weight", GgmlType.F32);
        float[] approx = tensorValues(q8, "blk.0.ffn_up.weight", GgmlType.Q8_0);
        double maxAbs = 0;
        double maxErr = 0;
        for (int i = 0; i < exact.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(exact[i]));
            maxErr = Math.max(maxErr, Math.abs(exact[i] - approx[i]));
        }
        assertThat(maxAbs).isGreaterThan(0);
        assertThat(maxErr).isLessThan(maxAbs / 100);
    }

    static float[] tensorValues(Path file, String name, GgmlType type) throws Exception {
        GgufFile g = GgufReader.read(file);
        GgufTensorInfo t = g.tensor(name).orElseThrow();
        assertThat(t.type()).isEqualTo(type);
        byte[] all = Files.readAllBytes(file);
        float[] out = new float[(int) t.elements()];
        GgmlCodec.decode(type, all, (int) g.absoluteOffset(t), out.length, out, 0);
        return out;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
