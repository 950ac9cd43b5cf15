package io.inferdeck.safety.pipeline;

/** Receives results in the uncertain band (decision REVIEW). Implementations must be thread-safe. */
@FunctionalInterface
public interface ReviewSink {
    ReviewSink NONE = r -> { };

    void submit(PipelineResult result);
}
