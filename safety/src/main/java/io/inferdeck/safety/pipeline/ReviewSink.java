package io.inferdeck.safety.pipeline;

/** Receives results in the uncertain band (decision REVIEW). Implementations must be thread-safe. */
@FunctionalInterface
public interface ReviewSink {
    ReviewSink NONE = r -> { };

    void submit(PipelineResult result);

    /**
     * The same, with the {@link FilterPipeline#configHash()} of the pipeline that produced it: a sink that keeps
     * reviewers' decisions uses it to tell when one has gone stale (the filters changed since). What
     * {@link FilterPipeline} calls; by default the hash is dropped.
     */
    default void submit(PipelineResult result, String configHash) {
        submit(result);
    }
}
