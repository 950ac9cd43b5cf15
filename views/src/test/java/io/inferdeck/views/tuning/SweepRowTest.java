package io.inferdeck.views.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The sweep table's tokens-per-joule column takes the point's figure, and "–" (NaN) without a GPU energy counter. */
class SweepRowTest {
    private final SweepPoint point = new SweepPoint("Q4_0", 512, 2);

    @Test
    void tokensPerJouleComesFromTheOutcomeAndIsNaNWithoutACounterOrAResult() {
        assertThat(SweepRow.of(SweepOutcome.measured(point, TuningFixtures.result(4, 100, 120), OptionalDouble.of(2.75)), false)
                .tokensPerJoule()).isEqualTo(2.75);
        assertThat(SweepRow.of(SweepOutcome.measured(point, TuningFixtures.result(4, 100, 120)), false).tokensPerJoule()).isNaN();
        assertThat(SweepRow.of(SweepOutcome.failed(point, "no model"), false).tokensPerJoule()).isNaN();
    }
}
