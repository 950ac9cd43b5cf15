package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.normalize.NormalizedText;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link FilterStage} returns: its verdict (empty for a stage that only transforms, like
 * normalize, so it takes no part in the decision), a new normalized text for the stages after it, and a
 * new masked text (the full text with this stage's masks added to {@link StageInput#masked()}; it becomes
 * the result's safe text). Empty parts leave the working state as it was. Immutable.
 */
public record StageOutcome(Optional<Verdict> verdict, Optional<NormalizedText> normalized, Optional<String> masked) {
    /** Category of the verdict recorded for a stage that threw. */
    public static final String FAILURE_CATEGORY = "stage_error";

    public StageOutcome {
        verdict = verdict == null ? Optional.empty() : verdict;
        normalized = normalized == null ? Optional.empty() : normalized;
        masked = masked == null ? Optional.empty() : masked;
    }

    public static StageOutcome judged(Verdict v) {
        return new StageOutcome(Optional.of(v), Optional.empty(), Optional.empty());
    }

    public static StageOutcome normalizedTo(NormalizedText text) {
        return new StageOutcome(Optional.empty(), Optional.of(text), Optional.empty());
    }

    public static StageOutcome masked(Verdict v, String maskedText) {
        return new StageOutcome(Optional.of(v), Optional.empty(), Optional.of(maskedText));
    }

    /**
     * The policy for a stage that threw: REVIEW (hold the text for a human rather than pass it unchecked or
     * block it on a bug), rule {@code <id>:failed:<ExceptionType>}. The exception's message is left out
     * because it may quote the text, and verdicts are logged and stored as they are.
     */
    public static StageOutcome failed(Stage stage, Throwable error) {
        return judged(Verdict.byRule(Decision.REVIEW, stage, stage.wire() + ":failed:" + error.getClass().getSimpleName(),
                FAILURE_CATEGORY, List.of()));
    }
}
