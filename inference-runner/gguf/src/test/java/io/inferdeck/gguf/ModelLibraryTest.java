package io.inferdeck.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLibraryTest {
    @TempDir
    Path dir;

    @Test
    void dataDirFollowsXdgThenHome() {
        assertThat(ModelLibrary.dataDir(Map.of("XDG_DATA_HOME", "/x/data", "HOME", "/home/u"))).isEqualTo(Path.of("/x/data/inferdeck"));
        assertThat(ModelLibrary.dataDir(Map.of("HOME", "/home/u"))).isEqualTo(Path.of("/home/u/.local/share/inferdeck"));
        assertThat(ModelLibrary.fromEnvironment(Map.of("XDG_DATA_HOME", "/d")).dir()).isEqualTo(Path.of("/d/inferdeck/models"));
    }

    @Test
    void ensureWritesOnlyMissingOrCorruptVariants() throws Exception {
        ModelLibrary lib = new ModelLibrary(dir.resolve("models"));
        List<GgmlType> types = List.of(GgmlType.F16, GgmlType.Q4_0);
        assertThat(lib.ensure(LlamaModelSpec.TINY, types, (t, b) -> { })).containsExactlyElementsOf(types);
        assertThat(lib.ensure(LlamaModelSpec.TINY, types, (t, b) -> { })).isEmpty();

        Path q4 = lib.variantPath(LlamaModelSpec.TINY, GgmlType.Q4_0);
        Files.write(q4, new byte[] {1, 2, 3});
        assertThat(lib.ensure(LlamaModelSpec.TINY, types, (t, b) -> { })).containsExactly(GgmlType.Q4_0);
        assertThat(GgufReader.read(q4).tensors()).isNotEmpty();
        assertThat(lib.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("inferdeck-tiny-f16.gguf", "inferdeck-tiny-q4_0.gguf");
        assertThat(Files.list(lib.dir()).filter(p -> p.toString().endsWith(".part"))).isEmpty();
    }

    @Test
    void siblingsAreOtherQuantizationsOfTheSameName() throws Exception {
        for (String n : List.of("llama-7b-q8_0.gguf", "llama-7b.Q4_0.gguf", "llama-7b-f16.gguf", "other-q4_0.gguf")) {
            Files.createFile(dir.resolve(n));
        }
        assertThat(ModelLibrary.siblingsOf(dir.resolve("llama-7b-q8_0.gguf"))).extracting(p -> p.getFileName().toString())
                .containsExactly("llama-7b-f16.gguf", "llama-7b-q8_0.gguf", "llama-7b.Q4_0.gguf");
    }
}
