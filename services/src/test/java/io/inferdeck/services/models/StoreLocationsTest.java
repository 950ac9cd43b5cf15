package io.inferdeck.services.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLocationsTest {
    private static StoreLocations linux(Map<String, String> env) {
        return new StoreLocations(env, "Linux");
    }

    @Test
    void defaultsUnderHome() {
        StoreLocations at = linux(Map.of("HOME", "/h"));

        assertThat(at.ollama()).isEqualTo(Path.of("/h/.ollama/models"));
        assertThat(at.lmStudio()).containsExactly(Path.of("/h/.lmstudio/models"), Path.of("/h/.cache/lm-studio/models"));
        assertThat(at.huggingFace()).isEqualTo(Path.of("/h/.cache/huggingface/hub"));
        assertThat(at.llamaCpp()).isEqualTo(Path.of("/h/.cache/llama.cpp"));
    }

    @Test
    void eachToolsVariablesWinInTheOrderTheToolReadsThem() {
        assertThat(linux(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/c")).huggingFace()).isEqualTo(Path.of("/c/huggingface/hub"));
        assertThat(linux(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/c", "HF_HOME", "/hf")).huggingFace()).isEqualTo(Path.of("/hf/hub"));
        assertThat(linux(Map.of("HOME", "/h", "HF_HOME", "/hf", "HF_HUB_CACHE", "/cache")).huggingFace()).isEqualTo(Path.of("/cache"));
        assertThat(linux(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/c")).llamaCpp()).isEqualTo(Path.of("/c/llama.cpp"));
        assertThat(linux(Map.of("HOME", "/h", "LLAMA_CACHE", "/l")).llamaCpp()).isEqualTo(Path.of("/l"));
        assertThat(linux(Map.of("HOME", "/h", "OLLAMA_MODELS", "/o")).ollama()).isEqualTo(Path.of("/o"));
        assertThat(linux(Map.of("HOME", "/h", "OLLAMA_MODELS", " ")).ollama()).isEqualTo(Path.of("/h/.ollama/models"));
        assertThat(new StoreLocations(Map.of("HOME", "/h"), "Mac OS X").llamaCpp()).isEqualTo(Path.of("/h/Library/Caches/llama.cpp"));
        assertThat(List.of(linux(Map.of("HOME", "/h")).ollama())).doesNotContainNull();
    }
}
