package io.inferdeck.services.models;

import io.inferdeck.gguf.ModelLibrary;
import java.util.List;
import java.util.Map;

/** The one list of places the Models page looks in, in the order it lists them. */
public final class ModelStores {
    public static final String INFERDECK = "InferDeck";
    public static final String FOLDER = "Folder";

    private ModelStores() {
    }

    /**
     * InferDeck's models folder, the operator's folders, Ollama, LM Studio, the Hugging Face cache and llama.cpp's
     * cache, each located from {@code env} (HOME, XDG_CACHE_HOME, OLLAMA_MODELS, HF_HUB_CACHE, HF_HOME, LLAMA_CACHE).
     */
    public static List<ModelStore> standard(Map<String, String> env, ModelLibrary library, ModelFolders folders) {
        StoreLocations at = new StoreLocations(env, System.getProperty("os.name", ""));
        return List.of(
                new FolderStore(INFERDECK, () -> List.of(library.dir()), 1),
                new FolderStore(FOLDER, folders::folders, ScanLimits.DEFAULT.maxDepth()),
                new OllamaStore(at.ollama()),
                new FolderStore("LM Studio", at::lmStudio, 3),
                new HfCacheStore(at.huggingFace()),
                new FolderStore("llama.cpp cache", () -> List.of(at.llamaCpp()), 1));
    }
}
