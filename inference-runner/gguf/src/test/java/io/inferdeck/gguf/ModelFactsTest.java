package io.inferdeck.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFactsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheEmbeddedModelsFactsFromItsHeader() throws IOException, GgufFormatException {
        Path file = dir.resolve("tiny-q8_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, file);

        ModelFacts f = ModelFacts.read(List.of(file));

        assertThat(f.architecture()).contains("llama");
        assertThat(f.name()).contains(LlamaModelSpec.TINY.displayName());
        assertThat(f.parameters()).hasValue(LlamaModelSpec.TINY.parameterCount());
        assertThat(f.quant()).contains("Q8_0");
        assertThat(f.trainedContext()).hasValue(LlamaModelSpec.TINY.contextLength());
        assertThat(f.chatTemplate()).isTrue();
        assertThat(f.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(f.parts()).isEqualTo(1);
    }

    @Test
    void aSplitModelSumsItsPartsAndTakesMetadataFromTheFirst() throws IOException, GgufFormatException {
        List<Path> parts = writeSplit(dir, "big", 3);

        ModelFacts f = ModelFacts.read(parts);

        assertThat(f.parts()).isEqualTo(3);
        assertThat(f.parameters()).hasValue(3 * 64L * 4);
        assertThat(f.architecture()).contains("llama");
        assertThat(f.trainedContext()).hasValue(4096);
        assertThat(f.chatTemplate()).isFalse();
        assertThat(f.sizeBytes()).isEqualTo(Files.size(parts.get(0)) + Files.size(parts.get(1)) + Files.size(parts.get(2)));
    }

    @Test
    void aSplitModelWithAPartMissingIsRefusedWithTheCounts() throws IOException {
        List<Path> parts = writeSplit(dir, "big", 3);

        assertThatThrownBy(() -> ModelFacts.read(parts.subList(0, 2)))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("split.count is 3 but 2 parts were found");
    }

    @Test
    void aFileThatIsNotGgufIsRefusedInOneLine() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.gguf"), "this is not a model, just some text of reasonable length");

        assertThatThrownBy(() -> ModelFacts.read(List.of(junk))).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("not a GGUF file").hasMessageNotContaining("\n");
    }

    @Test
    void splitNamesFollowGgufSplit() {
        assertThat(GgufSplits.parse("Qwen-7B-Q4_K_M-00002-of-00003.gguf"))
                .contains(new GgufSplits.Part("Qwen-7B-Q4_K_M", 2, 3));
        assertThat(GgufSplits.parse("model-00004-of-00003.gguf")).isEmpty();
        assertThat(GgufSplits.parse("model-q4_0.gguf")).isEmpty();
        assertThat(GgufSplits.allParts(dir.resolve("m-00001-of-00002.gguf"), new GgufSplits.Part("m", 1, 2)))
                .containsExactly(dir.resolve("m-00001-of-00002.gguf"), dir.resolve("m-00002-of-00002.gguf"));
    }

    /**
     * {@code count} parts as gguf-split writes them: every part has {@code split.no}/{@code split.count}, the first
     * the model's metadata, each one 64×4 F32 tensor. Public for the store scanners' tests.
     */
    public static List<Path> writeSplit(Path dir, String prefix, int count) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            GgufWriter w = new GgufWriter().put("split.no", GgufValue.u32(i - 1)).put("split.count", GgufValue.u32(count));
            if (i == 1) {
                w.put("general.architecture", GgufValue.str("llama")).put("llama.context_length", GgufValue.u32(4096));
            }
            w.tensor("blk." + i + ".w", new long[] {64, 4}, GgmlType.F32, o -> o.write(new byte[64 * 4 * 4]));
            Path p = dir.resolve(new GgufSplits.Part(prefix, i, count).fileName(i));
            w.writeTo(p);
            out.add(p);
        }
        return out;
    }
}
