package io.inferdeck.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each crash class of issue 21 (files that passed {@code model inspect} and then aborted llama.cpp, or
 * loaded and read out of bounds) is built as a real file and must be refused by {@link ModelValidator}
 * with one line naming the key or tensor.
 */
class ModelValidatorTest {
    @TempDir
    static Path dir;
    static GgufFile tiny;

    @BeforeAll
    static void writeTiny() throws Exception {
        Path file = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, file);
        tiny = GgufReader.read(file);
    }

    private static void refused(Consumer<GgufEdit> mutation, String... reason) throws Exception {
        GgufEdit edit = new GgufEdit(tiny);
        mutation.accept(edit);
        Path bad = Files.createTempFile(dir, "bad", ".gguf");
        edit.writeTo(bad);
        assertThatThrownBy(() -> ModelValidator.read(bad)).isInstanceOf(GgufFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(bad.getFileName() + ": ").doesNotContain("\n")
                        .contains(reason));
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "Q8_0", "Q4_0"})
    void generatedModelsPass(GgmlType type) throws Exception {
        Path file = dir.resolve("ok-" + type + ".gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, type, file);
        assertThat(ModelValidator.read(file).tensors()).isNotEmpty();
    }

    @Test
    void zeroLengthTokenList() throws Exception {
        refused(e -> e.put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, List.of())),
                "'tokenizer.ggml.tokens' is empty");
    }

    @Test
    void blockCountZeroAndTooLarge() throws Exception {
        refused(e -> e.put("llama.block_count", GgufValue.u32(0)), "'llama.block_count' is 0");
        refused(e -> e.put("llama.block_count", GgufValue.u32(513)), "'llama.block_count' is 513");
        refused(e -> e.put("llama.block_count", GgufValue.u32(3)), "missing tensor 'blk.2.attn_norm.weight'");
    }

    @Test
    void moeExpertCounts() throws Exception {
        refused(e -> e.put("llama.expert_count", GgufValue.u32(4)).put("llama.expert_used_count", GgufValue.u32(0)),
                "'llama.expert_used_count' is 0, expected 1..4");
        refused(e -> e.put("llama.expert_count", GgufValue.u32(4)).put("llama.expert_used_count", GgufValue.u32(5)),
                "'llama.expert_used_count' is 5, expected 1..4");
        refused(e -> e.put("llama.expert_used_count", GgufValue.u32(2)), "but the model has no experts");
        refused(e -> e.put("llama.expert_count", GgufValue.u32(257)).put("llama.expert_used_count", GgufValue.u32(2)),
                "'llama.expert_count' is 257");
        refused(e -> e.put("llama.expert_count", GgufValue.u32(4)).put("llama.expert_used_count", GgufValue.u32(2)),
                "missing tensor 'blk.0.ffn_gate_inp.weight'");
    }

    @Test
    void epsilonNanInfZeroNegative() throws Exception {
        String key = "llama.attention.layer_norm_rms_epsilon";
        refused(e -> e.put(key, GgufValue.f32(Double.NaN)), "'" + key + "' is NaN");
        refused(e -> e.put(key, GgufValue.f32(Double.POSITIVE_INFINITY)), "'" + key + "' is Infinity");
        refused(e -> e.put(key, GgufValue.f32(0)), "'" + key + "' is 0.0, expected > 0");
        refused(e -> e.put(key, GgufValue.f32(-1e-5)), "expected > 0");
        refused(e -> e.put("llama.rope.freq_base", GgufValue.f32(Double.NEGATIVE_INFINITY)), "'llama.rope.freq_base' is -Infinity");
    }

    @Test
    void wrongMetadataTypesForKnownKeys() throws Exception {
        List<?> scores = tiny.value("tokenizer.ggml.scores").orElseThrow().asList();
        List<String> asText = scores.stream().map(String::valueOf).toList();
        refused(e -> e.put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.STRING, asText)),
                "'tokenizer.ggml.scores' is an array of STRING, expected an array of FLOAT32");
        refused(e -> e.put("llama.block_count", GgufValue.str("2")), "'llama.block_count' is STRING, expected UINT32");
        refused(e -> e.put("llama.attention.layer_norm_rms_epsilon", GgufValue.u32(1)), "expected FLOAT32");
        refused(e -> e.put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.FLOAT32, List.of(1.0))), "expected an array of INT32");
        refused(e -> e.remove("general.architecture"), "missing metadata 'general.architecture'");
    }

    @Test
    void perTokenArraysShorterOrLongerThanTheVocabulary() throws Exception {
        List<?> scores = tiny.value("tokenizer.ggml.scores").orElseThrow().asList();
        List<?> types = tiny.value("tokenizer.ggml.token_type").orElseThrow().asList();
        refused(e -> e.put("tokenizer.ggml.scores", GgufValue.array(GgufValueType.FLOAT32, scores.subList(0, 10))),
                "'tokenizer.ggml.scores' has 10 entries for 640 tokens");
        refused(e -> e.put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, types.subList(0, 639))),
                "'tokenizer.ggml.token_type' has 639 entries for 640 tokens");
        List<Object> longer = new java.util.ArrayList<>(types);
        longer.add(1L);
        refused(e -> e.put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, longer)),
                "'tokenizer.ggml.token_type' has 641 entries for 640 tokens");
    }

    @Test
    void headCounts() throws Exception {
        refused(e -> e.put("llama.attention.head_count", GgufValue.u32(0)), "'llama.attention.head_count' is 0");
        refused(e -> e.put("llama.attention.head_count_kv", GgufValue.u32(0)), "'llama.attention.head_count_kv' is 0");
        refused(e -> e.put("llama.attention.head_count_kv", GgufValue.u32(3)), "(3) does not divide 'llama.attention.head_count' (4)");
        refused(e -> e.put("llama.attention.head_count", GgufValue.u32(5)).put("llama.attention.head_count_kv", GgufValue.u32(5)),
                "'llama.embedding_length' (64) is not a multiple of 'llama.attention.head_count' (5)");
        refused(e -> e.put("llama.attention.head_count", GgufValue.array(GgufValueType.UINT32, List.of(4L))),
                "'llama.attention.head_count' has 1 entries for 2 layers");
        refused(e -> e.put("llama.rope.dimension_count", GgufValue.u32(17)), "'llama.rope.dimension_count' is 17");
        refused(e -> e.put("llama.attention.head_count", GgufValue.u32(8)).put("llama.attention.head_count_kv", GgufValue.u32(2))
                        .put("llama.rope.dimension_count", GgufValue.u32(8)),
                "tensor 'blk.0.attn_k.weight' has shape [64, 32], expected [64, 16]");
    }

    @Test
    void contextAndEmbeddingLength() throws Exception {
        refused(e -> e.put("llama.context_length", GgufValue.u32(0)), "'llama.context_length' is 0, expected > 0");
        refused(e -> e.remove("llama.context_length"), "missing metadata 'llama.context_length'");
        refused(e -> e.put("llama.embedding_length", GgufValue.u32(0)), "'llama.embedding_length' is 0");
    }

    @Test
    void vocabularyInconsistencies() throws Exception {
        refused(e -> e.put("llama.vocab_size", GgufValue.u32(641)), "'llama.vocab_size' is 641 but 'tokenizer.ggml.tokens' has 640");
        refused(e -> e.reshape("token_embd.weight", 64, 639), "tensor 'token_embd.weight' has shape [64, 639], expected [64, 640]");
        refused(e -> e.reshape("output.weight", 64, 641), "tensor 'output.weight' has shape [64, 641]");
        List<?> tokens = tiny.value("tokenizer.ggml.tokens").orElseThrow().asList();
        List<Object> dup = new java.util.ArrayList<>(tokens);
        dup.set(600, dup.get(599));
        refused(e -> e.put("tokenizer.ggml.tokens", GgufValue.array(GgufValueType.STRING, dup)), "repeats token", "at id 600");
        refused(e -> e.put("tokenizer.ggml.eos_token_id", GgufValue.u32(640)), "'tokenizer.ggml.eos_token_id' is 640, outside");
    }

    @Test
    void tensorTable() throws Exception {
        refused(e -> e.tensors().removeIf(t -> t.name().equals("blk.1.ffn_up.weight")), "missing tensor 'blk.1.ffn_up.weight'");
        refused(e -> e.tensors().add(new GgufEdit.Tensor("blk.7.attn_q.weight", new long[] {64, 64}, GgmlType.Q4_0,
                tiny.tensor("blk.0.attn_q.weight").orElseThrow())), "unexpected tensor 'blk.7.attn_q.weight'");
        refused(e -> e.reshape("blk.0.ffn_down.weight", 128, 32), "tensor 'blk.0.ffn_down.weight' has shape [128, 32], expected [128, 64]");
        refused(e -> e.put("llama.feed_forward_length", GgufValue.array(GgufValueType.INT32, Collections.nCopies(2, -1L))),
                "'llama.feed_forward_length' is -1");
    }
}
