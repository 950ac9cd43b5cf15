package io.inferdeck.tuning.sweep;

import io.inferdeck.tuning.load.BenchResult;
import java.util.Optional;

/** A measured point, or why it could not be measured (engine failed to start, bad setting). */
public record SweepOutcome(SweepPoint point, Optional<BenchResult> result, String failure) {

    public static SweepOutcome measured(SweepPoint p, BenchResult r) {
        return new SweepOutcome(p, Optional.of(r), null);
    }

    public static SweepOutcome failed(SweepPoint p, String why) {
        return new SweepOutcome(p, Optional.empty(), why);
    }
}
