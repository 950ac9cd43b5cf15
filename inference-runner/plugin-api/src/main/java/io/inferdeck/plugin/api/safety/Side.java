package io.inferdeck.plugin.api.safety;

/** Which way the text flows: the user's prompt into the model, or the model's reply out. */
public enum Side {
    INPUT, OUTPUT
}
