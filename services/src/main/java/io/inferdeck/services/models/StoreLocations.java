package io.inferdeck.services.models;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each tool keeps its models on this machine, resolved from an environment map (injected, so a test
 * points every store at a temporary home) the way each tool resolves it. Sources per rule: docs/models.md.
 */
final class StoreLocations {
    private final Map<String, String> env;
    private final Path home;
    private final boolean mac;

    StoreLocations(Map<String, String> env, String osName) {
        this.env = env;
        this.home = Path.of(value("HOME").orElse(System.getProperty("user.home")));
        this.mac = osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /** Ollama: {@code $OLLAMA_MODELS}, else {@code ~/.ollama/models}. */
    Path ollama() {
        return value("OLLAMA_MODELS").map(Path::of).orElse(home.resolve(".ollama").resolve("models"));
    }

    /** LM Studio: {@code ~/.lmstudio/models}, and the folder older releases used, {@code ~/.cache/lm-studio/models}. */
    List<Path> lmStudio() {
        return List.of(home.resolve(".lmstudio").resolve("models"), home.resolve(".cache").resolve("lm-studio").resolve("models"));
    }

    /** Hugging Face hub cache: {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}. */
    Path huggingFace() {
        return value("HF_HUB_CACHE").map(Path::of)
                .or(() -> value("HF_HOME").map(h -> Path.of(h).resolve("hub")))
                .orElse(cache().resolve("huggingface").resolve("hub"));
    }

    /** llama.cpp's download cache: {@code $LLAMA_CACHE}, else {@code $XDG_CACHE_HOME/llama.cpp} (Linux), {@code ~/Library/Caches/llama.cpp} (macOS). */
    Path llamaCpp() {
        if (value("LLAMA_CACHE").isPresent()) {
            return Path.of(value("LLAMA_CACHE").get());
        }
        return mac ? home.resolve("Library").resolve("Caches").resolve("llama.cpp") : cache().resolve("llama.cpp");
    }

    private Path cache() {
        return value("XDG_CACHE_HOME").map(Path::of).orElse(home.resolve(".cache"));
    }

    private java.util.Optional<String> value(String name) {
        return java.util.Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
