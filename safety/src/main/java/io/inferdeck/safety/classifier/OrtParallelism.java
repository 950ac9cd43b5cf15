package io.inferdeck.safety.classifier;

/**
 * How an {@link OnnxEmbedder} runs its ONNX Runtime session: {@code threadsPerCall} intra-op threads per embedding
 * and up to {@code callsAtOnce} embeddings at the same time (one DJL predictor each, over the one shared session).
 * Neither changes a vector: the quantized model's integer matrix products are exact and each text is still run
 * alone (OnnxEmbedderTest compares the settings over dev-split prompts). Immutable.
 */
public record OrtParallelism(int threadsPerCall, int callsAtOnce) {
    public OrtParallelism {
        if (threadsPerCall < 1 || callsAtOnce < 1) {
            throw new IllegalArgumentException("threads per call and calls at once must be at least 1");
        }
    }

    /**
     * One thread per call, no spinning, and one call per two cores (at least one). Measured on the 2-core
     * development machine ({@code safety bench}, docs/safety/speed.md): a short prompt's op threads wait more than
     * they work, so a second thread per call costs about 10 % more CPU per text, and ONNX Runtime's default
     * spin-waiting about 2.5 times as much. A call computes on its caller's thread and pins a virtual thread's
     * carrier while it runs: half the cores stay for the gateway's and the engine's own threads.
     */
    public static OrtParallelism forCores(int cores) {
        return new OrtParallelism(1, Math.max(1, cores / 2));
    }

    /** {@link #forCores} for this machine. */
    public static OrtParallelism machine() {
        return forCores(Runtime.getRuntime().availableProcessors());
    }
}
