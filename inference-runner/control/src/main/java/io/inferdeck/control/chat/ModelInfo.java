package io.inferdeck.control.chat;

/**
 * What an engine says it serves, from {@code GET /v1/models}: the first model's id, and where the engine is
 * the built-in runner its {@code inferdeck.model} block (display name, quant). Fields are "" when unknown
 * (llama-server, vLLM and remote engines report only the id).
 */
public record ModelInfo(String id, String name, String quant) {

    /** The embedded default model has random weights: its output is noise, and the UI must say so. */
    public boolean randomWeights() {
        return name.toLowerCase(java.util.Locale.ROOT).contains("random weights");
    }

    /** "inferdeck-default-q4_0 · Q4_0" */
    public String label() {
        return quant.isEmpty() ? id : id + " · " + quant;
    }
}
