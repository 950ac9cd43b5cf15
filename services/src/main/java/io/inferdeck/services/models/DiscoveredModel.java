package io.inferdeck.services.models;

import io.inferdeck.gguf.ModelFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One model the catalog found: its name in its store, the store's label, its file (the first part of a split
 * model) and all parts, and either the facts read from its header or the one-line reason it cannot be used.
 * {@code sizeBytes} is the parts' total on disk, empty when none could be sized.
 */
public record DiscoveredModel(String name, String store, List<Path> parts, OptionalLong sizeBytes,
                              Optional<ModelFacts> facts, Optional<String> problem) {

    public DiscoveredModel {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a model has at least one file");
        }
    }

    /** The path an engine is given: the file, or a split model's first part. */
    public Path path() {
        return parts.getFirst();
    }

    public boolean usable() {
        return problem.isEmpty();
    }
}
