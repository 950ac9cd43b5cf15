package io.inferdeck.services.models;

import static io.inferdeck.services.models.ModelFixtures.ollama;
import static io.inferdeck.services.models.ModelFixtures.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OllamaStoreTest {
    @TempDir
    Path dir;

    private Map<String, ModelStore.Found> list(Path root) {
        return new OllamaStore(root).list(ScanLimits.DEFAULT).found().stream()
                .collect(Collectors.toMap(ModelStore.Found::name, f -> f));
    }

    @Test
    void resolvesEachManifestsModelLayerToItsBlobAndNamesItAsOllamaListDoes() throws IOException {
        Path source = tiny(dir.resolve("src/tiny.gguf"));
        Path root = dir.resolve("models");
        ollama(root, "registry.ollama.ai", "library", "llama3.2", "3b", source);
        ollama(root, "registry.ollama.ai", "library", "llama3.2", "latest", source);
        ollama(root, "registry.ollama.ai", "someone", "tiny", "q8", source);
        ollama(root, "hf.co", "bartowski", "Tiny-GGUF", "Q8_0", source);

        Map<String, ModelStore.Found> found = list(root);

        assertThat(found).containsOnlyKeys("llama3.2:3b", "llama3.2:latest", "someone/tiny:q8", "hf.co/bartowski/Tiny-GGUF:Q8_0");
        Path blob = root.resolve("blobs").resolve("sha256-" + ModelFixtures.sha256(source));
        assertThat(found.values()).allSatisfy(f -> {
            assertThat(f.parts()).containsExactly(blob);
            assertThat(f.problem()).isEmpty();
        });
    }

    @Test
    void listsAMissingBlobAndABrokenManifestWithReasonsAndSkipsNonGgufModels() throws IOException {
        Path source = tiny(dir.resolve("src/tiny.gguf"));
        Path root = dir.resolve("models");
        ollama(root, "registry.ollama.ai", "library", "gone", "1b", source);
        Files.delete(root.resolve("blobs").resolve("sha256-" + ModelFixtures.sha256(source)));
        ModelFixtures.manifest(root, "registry.ollama.ai", "library", "broken", "latest", "{ not json");
        ModelFixtures.manifest(root, "registry.ollama.ai", "library", "safetensors", "latest",
                "{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.tensor; name=w\",\"digest\":\"sha256:" + "2".repeat(64) + "\"}]}");

        Map<String, ModelStore.Found> found = list(root);

        assertThat(found).containsOnlyKeys("gone:1b", "broken:latest");
        assertThat(found.get("gone:1b").problem()).hasValueSatisfying(p -> assertThat(p).startsWith("blob sha256-").contains("is missing"));
        assertThat(found.get("broken:latest").problem()).hasValueSatisfying(p -> assertThat(p).startsWith("manifest is not valid JSON"));
    }

    @Test
    void anAbsentStoreListsNothing() {
        assertThat(list(dir.resolve("no-ollama-here"))).isEmpty();
    }
}
