package io.inferdeck.services.models;

import static io.inferdeck.services.models.ModelFixtures.junk;
import static io.inferdeck.services.models.ModelFixtures.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.bus.LiveBus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
    @TempDir
    Path home;

    private final LiveBus bus = new LiveBus();

    private ModelCatalog catalog(List<ModelStore> stores, ModelFolders folders) {
        return new ModelCatalog(stores, ScanLimits.DEFAULT, folders, Runnable::run, bus.topic(ModelCatalog.SCANS));
    }

    @Test
    void theStandardStoresFindModelsUnderAHomeAndReadTheirHeaders() throws IOException {
        Path library = home.resolve("data/models");
        tiny(library.resolve("own-q8_0.gguf"));
        ModelFixtures.ollama(home.resolve(".ollama/models"), "registry.ollama.ai", "library", "tiny", "q8", tiny(home.resolve("src/t.gguf")));
        tiny(home.resolve(".lmstudio/models/pub/Repo-GGUF/lm.gguf"));
        tiny(home.resolve(".cache/llama.cpp/org_repo_cached.gguf"));
        junk(home.resolve(".cache/llama.cpp/half-written.gguf"));
        ModelFixtures.hf(home.resolve(".cache/huggingface/hub"), "org", "Tiny-GGUF", "d".repeat(40), "tiny.gguf",
                home.resolve("src/t.gguf"), true);
        Path extra = home.resolve("mine");
        tiny(extra.resolve("x/extra.gguf"));
        ModelFolders folders = ModelFolders.inMemory(List.of());
        ModelCatalog catalog = catalog(ModelStores.standard(Map.of("HOME", home.toString()), new ModelLibrary(library), folders), folders);

        catalog.addFolder(extra);

        CatalogScan scan = bus.topic(ModelCatalog.SCANS).latest().orElseThrow();
        assertThat(scan.models()).extracting(m -> m.store() + " " + m.name()).containsExactly(
                "InferDeck own-q8_0.gguf", "Folder x/extra.gguf", "Ollama tiny:q8", "LM Studio pub/Repo-GGUF/lm.gguf",
                "Hugging Face cache org/Tiny-GGUF/tiny.gguf", "llama.cpp cache half-written.gguf", "llama.cpp cache org_repo_cached.gguf");
        assertThat(scan.models().stream().filter(DiscoveredModel::usable)).hasSize(6).allSatisfy(m -> {
            assertThat(m.facts().orElseThrow().parameters()).hasValue(LlamaModelSpec.TINY.parameterCount());
            assertThat(m.facts().orElseThrow().quant()).contains("Q8_0");
            assertThat(m.sizeBytes()).isPresent();
        });
        DiscoveredModel bad = scan.models().stream().filter(m -> !m.usable()).findFirst().orElseThrow();
        assertThat(bad.problem()).hasValueSatisfying(p -> assertThat(p).contains("not a GGUF file").doesNotContain("\n"));
        assertThat(scan.stores()).extracting(CatalogScan.StoreReport::store).containsExactly(
                "InferDeck", "Folder", "Ollama", "LM Studio", "Hugging Face cache", "llama.cpp cache");
        assertThat(folders.folders()).containsExactly(extra);
    }

    @Test
    void aStoreThatFailsIsReportedAndTheOthersAreStillListed() throws IOException {
        tiny(home.resolve("ok.gguf"));
        ModelStore failing = new ModelStore() {
            @Override public String label() { return "Broken"; }
            @Override public Listing list(ScanLimits limits) { throw new IllegalStateException("bug"); }
        };
        ModelCatalog catalog = catalog(List.of(failing, new FolderStore("Folder", () -> List.of(home), 1)), ModelFolders.inMemory(List.of()));

        CatalogScan scan = catalog.scan();

        assertThat(scan.models()).extracting(DiscoveredModel::name).containsExactly("ok.gguf");
        assertThat(scan.stores().getFirst().notes()).containsExactly("scan failed: java.lang.IllegalStateException: bug");
    }
}
