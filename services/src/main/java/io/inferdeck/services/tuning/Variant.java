package io.inferdeck.services.tuning;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One quantization of the profile's model: a file beside it ({@code exists}), or one InferDeck's quantizer
 * can write there from a float source ({@code exists == false}; {@code path} is where it will appear).
 */
public record Variant(String quant, Path path, boolean exists) {
    public Variant {
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
        return exists ? quant : quant + " (create)";
    }
}
