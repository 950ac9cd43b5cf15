package io.inferdeck.control.ollama;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One model as Ollama reports it. From {@code /api/tags} (pulled models) the VRAM and expiry are empty;
 * from {@code /api/ps} (models loaded now) they say how much of the model sits in GPU memory and when
 * Ollama unloads it. Immutable.
 *
 * @param sizeBytes   the model's size (on disk for /api/tags, in memory for /api/ps)
 * @param vramBytes   bytes of it in GPU memory (/api/ps only)
 * @param parameters  e.g. "7.2B", when reported
 * @param quantization e.g. "Q4_0", when reported
 */
public record OllamaModel(String name, long sizeBytes, OptionalLong vramBytes, Optional<String> parameters,
                          Optional<String> quantization, Optional<OffsetDateTime> expiresAt) {
}
