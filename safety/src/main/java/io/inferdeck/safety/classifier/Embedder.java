package io.inferdeck.safety.classifier;

/**
 * Turns one text into a unit-length sentence vector. Implementations embed ONE text per call: the
 * quantized model's output depends slightly on batch composition, and decisions must be reproducible.
 */
public interface Embedder extends AutoCloseable {
    float[] embed(String text);

    int dimension();

    /** Identifies the exact model weights (SHA-256 of the model file); part of the classifier hash. */
    String modelSha256();

    @Override
    void close();
}
