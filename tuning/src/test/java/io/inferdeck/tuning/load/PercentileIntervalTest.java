package io.inferdeck.tuning.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileIntervalTest {

    @Test
    void theSmallestSampleWithAnUpperBoundIsWherePToTheNDropsBelowTheTail() {
        assertThat(PercentileInterval.minSamples(95)).isEqualTo(72);     // 0.95^72 = 0.0249, 0.95^71 = 0.0262
        assertThat(PercentileInterval.minSamples(99)).isEqualTo(368);    // 0.99^368 = 0.0248, 0.99^367 = 0.0250+
        assertThat(PercentileInterval.minSamples(50)).isEqualTo(6);      // 0.5^6 = 0.0156, 0.5^5 = 0.031
        assertThat(PercentileInterval.ranks(71, 95)[1]).as("no upper bound below the minimum").isEqualTo(72);
        assertThat(PercentileInterval.ranks(72, 95)[1]).isEqualTo(72);
    }

    @Test
    void ranksMatchTheTextbookIntervalForTheMedianOf100() {
        // For n = 100, p = 0.5 the exact equal-tailed 95% interval is [X(40), X(61)] (binomial tails 0.0176 each).
        assertThat(PercentileInterval.ranks(100, 50)).containsExactly(40, 61);
    }

    @Test
    void theIntervalCoversTheTrueP95AtLeastAsOftenAsItClaims() {
        // Exponential latencies with mean 100 ms: true P95 = 100 * ln 20 = 299.57 ms.
        double truth = 100 * Math.log(20);
        SplittableRandom random = new SplittableRandom(16);
        int covered = 0;
        int trials = 1000;
        for (int t = 0; t < trials; t++) {
            Histogram h = new Histogram(3);
            for (int i = 0; i < 200; i++) {
                h.recordValue((long) (-Math.log(1 - random.nextDouble()) * 100_000));   // microseconds
            }
            PercentileInterval ci = PercentileInterval.of(h, 95);
            assertThat(ci.enoughData()).isTrue();
            if (ci.lowMs() <= truth * 1.001 && truth <= ci.highMs() * 1.001) {
                covered++;
            }
        }
        assertThat(covered / (double) trials).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void tooFewSamplesHaveNoUpperBoundAndSayNotEnoughData() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 20; i++) {
            h.recordValue(i * 1000L);
        }
        PercentileInterval ci = PercentileInterval.of(h, 95);
        assertThat(ci.enoughData()).isFalse();
        assertThat(ci.highMs()).isNaN();
        assertThat(ci.lowMs()).isBetween(10.0, 20.0);
        assertThat(PercentileInterval.of(new Histogram(3), 99).n()).isZero();
    }
}
