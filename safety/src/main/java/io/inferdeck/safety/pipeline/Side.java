package io.inferdeck.safety.pipeline;

/** Which way the text flows: the user's prompt into the model, or the model's reply out. */
public enum Side {
    INPUT, OUTPUT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
