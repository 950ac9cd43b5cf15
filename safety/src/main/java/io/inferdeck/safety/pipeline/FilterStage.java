package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Stage;

/**
 * One step of the {@link FilterPipeline}: it looks at the per-request working state and answers with a
 * verdict, a transformed text, or both ({@link StageOutcome}). This is the extension point for new
 * stages (built-in ones register in {@code SafetyFilters.builtInStages}; others are handed to the
 * pipeline beside them, later loaded from plugin jars with {@link java.util.ServiceLoader}), so it uses
 * only the safety module's own value types.
 *
 * <p>Contract:
 * <ul>
 * <li>{@link #id()}, {@link #order()}, {@link #skipOnceBlocked()}, {@link #available()} and
 *     {@link #configFingerprint()} are fixed for the stage's lifetime: the pipeline reads them once, when it
 *     is built.</li>
 * <li>{@link #apply} is called concurrently from many threads and must be thread-safe. It must not keep
 *     or log the texts it is given. An exception it throws does not fail the request: the pipeline records
 *     a REVIEW verdict naming the stage and the exception's type ({@link StageOutcome#failed}) and goes
 *     on with the next stage.</li>
 * <li>Spans in a verdict index the ORIGINAL text ({@link StageInput#original()}).</li>
 * </ul>
 */
public interface FilterStage {
    /** Stable wire id, unique in a pipeline; what stage switches, reports and timings call this stage. */
    Stage id();

    /**
     * Position in the pipeline: stages run by ascending order, ties by id. The built-ins use 100
     * (normalize: must come first, later stages read its text), 200 (blocklist), 300 (PII), 400
     * (classifier); a new stage picks a number between or after them.
     */
    int order();

    /** Judges or transforms the text; see the class contract. Never returns null. */
    StageOutcome apply(StageInput in);

    /** True when this stage is not run once an earlier stage blocked: its answer could not change the outcome. */
    default boolean skipOnceBlocked() {
        return false;
    }

    /**
     * False when the stage cannot do its work (a model that did not load). It still runs, and its verdict
     * should say why, but its time is left out of the per-stage timings since it did nothing.
     */
    default boolean available() {
        return true;
    }

    /**
     * What about this stage's setup changes its answers (term counts, mask settings), appended to the
     * pipeline's config hash in pipeline order. Empty when nothing beyond the stage switches matters.
     */
    default String configFingerprint() {
        return "";
    }
}
