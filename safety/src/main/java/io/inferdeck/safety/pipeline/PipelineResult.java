package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline did with one text: the overall decision, the verdict that decided it, every
 * stage's verdict (in pipeline order; stages switched off or skipped are absent), the text with PII
 * masked ({@code safeText} — never the raw text, so it may be shown, logged and stored), per-stage
 * time in nanoseconds, and whether the input was cut to the length cap. Immutable.
 */
public record PipelineResult(Side side, Decision decision, Verdict decisive, List<Verdict> verdicts, String safeText,
                             Map<Stage, Long> stageNanos, boolean truncated) {
    public PipelineResult {
        verdicts = List.copyOf(verdicts);
        stageNanos = Map.copyOf(stageNanos);
    }

    public String category() {
        return decisive.category();
    }

    public long totalNanos() {
        return stageNanos.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return "PipelineResult[" + side + " " + decision + " by " + decisive.stage() + " " + decisive.reason() + "]";
    }
}
