package io.inferdeck.plugin.api.safety;

/**
 * The text a {@link FilterStagePlugin} judges, as the stages before it left it. It holds the raw text:
 * never log or keep it.
 */
public interface StageText {
    /** The text as it arrived (cut to the pipeline's length cap). Verdict spans index this text. */
    String original();

    /** The normalized text (Unicode folded, obfuscation undone) that matching should use. */
    String normalized();

    /** The original with every mask applied so far. */
    String masked();

    Side side();

    /** True when an earlier stage already decided BLOCK. */
    boolean blockedBefore();

    /** Maps {@code [start, end)} of {@link #normalized()} back to the span of {@link #original()} it came from. */
    TextSpan toOriginal(int start, int end, String label);
}
