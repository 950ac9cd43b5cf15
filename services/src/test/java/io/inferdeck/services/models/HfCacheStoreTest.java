package io.inferdeck.services.models;

import static io.inferdeck.services.models.ModelFixtures.hf;
import static io.inferdeck.services.models.ModelFixtures.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfCacheStoreTest {
    @TempDir
    Path dir;

    @Test
    void listsSnapshotLinksUnderTheRepositoryIdOnceEvenWhenRevisionsShareABlob() throws IOException {
        Path a = tiny(dir.resolve("src/a.gguf"));
        Path b = ModelFixtures.split(dir.resolve("src/split"), "b", 2).getFirst();
        Path hub = dir.resolve("hub");
        String main = "a".repeat(40);
        String old = "b".repeat(40);
        Path link = hf(hub, "org", "Tiny-GGUF", main, "tiny-Q8_0.gguf", a, true);
        hf(hub, "org", "Tiny-GGUF", old, "tiny-Q8_0.gguf", a, false);          // same blob in an older revision
        hf(hub, "org", "Tiny-GGUF", old, "retired-Q8_0.gguf", b, false);        // only in the older revision
        Files.createDirectories(hub.resolve("datasets--org--data/snapshots/x"));
        tiny(hub.resolve("datasets--org--data/snapshots/x/not-a-model-repo.gguf"));

        List<ModelStore.Found> found = new HfCacheStore(hub).list(ScanLimits.DEFAULT).found();

        assertThat(found).extracting(ModelStore.Found::name)
                .containsExactly("org/Tiny-GGUF/tiny-Q8_0.gguf", "org/Tiny-GGUF/retired-Q8_0.gguf@bbbbbbbb");
        assertThat(found.getFirst().parts()).containsExactly(link);
        assertThat(Files.isSymbolicLink(found.getFirst().parts().getFirst())).isTrue();
    }

    @Test
    void groupsSplitPartsInsideARepositoryFolder() throws IOException {
        List<Path> parts = ModelFixtures.split(dir.resolve("src"), "Big-Q4_0", 2);
        Path hub = dir.resolve("hub");
        String rev = "c".repeat(40);
        hf(hub, "org", "Big-GGUF", rev, "Q4_0/Big-Q4_0-00001-of-00002.gguf", parts.get(0), true);
        hf(hub, "org", "Big-GGUF", rev, "Q4_0/Big-Q4_0-00002-of-00002.gguf", parts.get(1), false);

        List<ModelStore.Found> found = new HfCacheStore(hub).list(ScanLimits.DEFAULT).found();

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("org/Big-GGUF/Q4_0/Big-Q4_0.gguf");
            assertThat(f.parts()).hasSize(2);
            assertThat(f.problem()).isEmpty();
        });
    }
}
