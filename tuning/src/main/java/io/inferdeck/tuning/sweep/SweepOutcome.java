package io.inferdeck.tuning.sweep;

import io.inferdeck.tuning.load.BenchResult;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A measured point, or why it could not be measured (engine failed to start, bad setting).
 *
 * @param tokensPerJoule output tokens per joule of GPU energy during the run ({@link GpuEnergyProbe}); empty
 *                       without a GPU energy counter, never 0
 */
public record SweepOutcome(SweepPoint point, Optional<BenchResult> result, String failure, OptionalDouble tokensPerJoule) {

    public static SweepOutcome measured(SweepPoint p, BenchResult r) {
        return measured(p, r, OptionalDouble.empty());
    }

    public static SweepOutcome measured(SweepPoint p, BenchResult r, OptionalDouble tokensPerJoule) {
        return new SweepOutcome(p, Optional.of(r), null, tokensPerJoule);
    }

    public static SweepOutcome failed(SweepPoint p, String why) {
        return new SweepOutcome(p, Optional.empty(), why, OptionalDouble.empty());
    }
}
