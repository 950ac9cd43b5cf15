package io.inferdeck.services.tuning;

import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.SweepOutcome;
import java.util.List;

/**
 * A finished (or stopped) sweep: the outcomes measured, in grid order, the recommendation among them, and
 * whether the history database was open to record them.
 */
public record SweepResult(List<SweepOutcome> outcomes, Recommendation recommendation, boolean recorded) {
    public SweepResult {
        outcomes = List.copyOf(outcomes);
    }
}
