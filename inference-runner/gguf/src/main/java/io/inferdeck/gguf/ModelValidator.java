package io.inferdeck.gguf;

import java.nio.file.Path;
import java.util.List;

/**
 * The one gate between a file and llama.cpp: {@link GgufReader}'s structural checks (magic, version,
 * counts, tensor types, aligned offsets, data inside the file) plus the model rules llama.cpp divides by,
 * indexes with or asserts on. {@code model inspect}, {@code model list} and the runner all use it, so a
 * file that passes here is one the engine may load. Every refusal is one line naming the key or tensor.
 */
public final class ModelValidator {
    private static final List<ModelCheck> CHECKS = List.of(
            new MetadataTypes(), new HyperParameters(), new VocabularyCheck(), new LlamaTensorLayout());

    private ModelValidator() {
    }

    /** Reads and validates; the message names the file's name and one reason. */
    public static GgufFile read(Path path) throws GgufFormatException {
        GgufFile g = GgufReader.read(path);
        try {
            validate(g);
        } catch (GgufFormatException e) {
            throw new GgufFormatException(path.getFileName() + ": " + e.getMessage());
        }
        return g;
    }

    /** Model rules for an already parsed header; the message does not name the file. */
    public static void validate(GgufFile g) throws GgufFormatException {
        for (ModelCheck c : CHECKS) {
            c.check(g);
        }
    }
}
