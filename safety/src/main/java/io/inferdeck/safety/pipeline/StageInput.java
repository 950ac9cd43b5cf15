package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.normalize.NormalizedText;
import java.util.List;

/**
 * The per-request working state a {@link FilterStage} sees: the original text (already cut to the length
 * cap), its normalized form (the identity mapping until a normalizing stage ran), the text with everything
 * masked so far (the original until a masking stage ran), the verdicts of the stages before this one, in
 * pipeline order, and the side. Immutable; it holds the raw text, so never log it.
 */
public record StageInput(String original, NormalizedText normalized, String masked, List<Verdict> verdicts,
                         Side side) {
    public StageInput {
        verdicts = List.copyOf(verdicts);
    }

    /** True when an earlier stage decided BLOCK. */
    public boolean blocked() {
        return verdicts.stream().anyMatch(v -> v.decision() == Decision.BLOCK);
    }

    @Override
    public String toString() {
        return "StageInput[" + side + " " + original.length() + " chars, " + verdicts.size() + " verdicts]";
    }
}
