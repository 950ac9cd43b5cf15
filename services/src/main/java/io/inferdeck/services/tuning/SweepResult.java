package io.inferdeck.services.tuning;

import io.inferdeck.tuning.sweep.QualityBudget;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.SweepOutcome;
import java.util.List;

/**
 * A finished (or stopped) sweep: the outcomes measured, in grid order, the recommendation among them, whether the
 * history database was open to record them, and the quality budget the recommendation kept.
 */
public record SweepResult(List<SweepOutcome> outcomes, Recommendation recommendation, boolean recorded, QualityBudget budget) {
    public SweepResult {
        outcomes = List.copyOf(outcomes);
    }

    public SweepResult(List<SweepOutcome> outcomes, Recommendation recommendation, boolean recorded) {
        this(outcomes, recommendation, recorded, QualityBudget.NONE);
    }
}
