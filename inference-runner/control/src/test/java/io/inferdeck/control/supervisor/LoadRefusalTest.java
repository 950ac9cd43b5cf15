package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRefusalTest {
    /** The shape of a refused load: llama.cpp's loader reason, its callers' generic lines, then the runner's. */
    private static final List<String> REFUSED = List.of(
            "llama_model_loader: loaded meta data with 24 key-value pairs",
            "llama_model_load: error loading model: missing tensor 'blk.0.attn_q.weight'",
            "llama_model_load_from_file_impl: failed to load model",
            "inferdeck-runner: error: llama.cpp could not load /m/x.gguf: could not load model from given file path"
                    + " (details in the llama.cpp log above)");

    @Test
    void theRunnersGenericLineCarriesLlamaCppsReason() {
        assertThat(LogLevel.lastError(REFUSED)).contains("inferdeck-runner: error: llama.cpp could not load /m/x.gguf:"
                + " could not load model from given file path: llama.cpp says: missing tensor 'blk.0.attn_q.weight'");
    }

    @Test
    void aLlamaServerFailureLineIsExplainedToo() {
        assertThat(LogLevel.lastError(REFUSED.subList(0, 3)))
                .contains("llama_model_load_from_file_impl: failed to load model: llama.cpp says: missing tensor 'blk.0.attn_q.weight'");
    }

    @Test
    void withoutALoggedReasonOrForOtherErrorsTheLineIsUnchanged() {
        assertThat(LogLevel.lastError(List.of("E failed to load model"))).contains("E failed to load model");
        assertThat(LogLevel.lastError(List.of("llama_model_load: error loading model: bad magic", "error: out of memory")))
                .contains("error: out of memory");
    }
}
