package io.inferdeck.plugin.api.safety;

import io.inferdeck.plugin.api.Extension;

/**
 * A new stage in InferDeck's safety pipeline: it judges a prompt or a reply and may mask parts of it.
 * Registered in {@code META-INF/services/io.inferdeck.plugin.api.safety.FilterStagePlugin}; {@link #id()} is
 * the stage id that stage switches, reports and timings use ({@code [a-z][a-z0-9_-]*}).
 *
 * <p>The pipeline runs its stages by ascending {@link #order()}, lets the most severe decision win, and
 * turns a stage that throws (or returns null) into a REVIEW verdict with rule {@code <id>:failed:<Exception>}
 * without stopping the other stages. {@link #judge} is called from many threads at once and must not keep or
 * log the texts it is given.
 */
public interface FilterStagePlugin extends Extension {

    /**
     * Position in the pipeline. The built-ins use 100 (normalize: runs first, later stages read its text),
     * 200 (blocklist), 300 (PII), 400 (classifier); pick a number after 100.
     */
    int order();

    /** The verdict on one text; never null. */
    StageVerdict judge(StageText text);

    /**
     * What about this stage's setup changes its answers (a rule count, a file's hash), recorded with each
     * result so a changed setup shows as a changed configuration. Empty when nothing does.
     */
    default String configFingerprint() {
        return "";
    }
}
