package io.inferdeck.control.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** llama.cpp's {@code --split-mode}: how one engine spreads a model over its visible GPUs. */
public enum SplitMode {
    /** Whole model on {@code mainGpu}. */
    NONE("none"),
    /** Layers (and KV) split across GPUs by {@code tensorSplit}; llama.cpp's default. */
    LAYER("layer"),
    /** Rows of each weight matrix split across GPUs. */
    ROW("row");

    private final String id;

    SplitMode(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the allowed spellings */
    @JsonCreator
    public static SplitMode fromId(String id) {
        for (SplitMode mode : values()) {
            if (mode.id.equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown split mode '" + id + "' (allowed: none, layer, row)");
    }

    @Override
    public String toString() {
        return id;
    }
}
