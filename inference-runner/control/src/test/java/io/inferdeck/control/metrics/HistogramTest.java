package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** histogram_quantile cases worked by hand from the PromQL definition. */
class HistogramTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Histogram h(double[] bounds, double[] cumulative) {
        return new Histogram(bounds, cumulative);
    }

    @Test
    void interpolatesLinearlyInsideTheBucket() {
        Histogram x = h(new double[] {0.1, 0.5, 1, INF}, new double[] {10, 30, 40, 40});
        assertThat(x.quantile(0.5).getAsDouble()).isCloseTo(0.3, within(1e-12));  // rank 20: 0.1 + 0.4 * 10/20
        assertThat(x.quantile(0.25).getAsDouble()).isCloseTo(0.1, within(1e-12)); // rank 10: top of bucket 1
        assertThat(x.quantile(0.1).getAsDouble()).isCloseTo(0.04, within(1e-12)); // lowest bucket starts at 0
        assertThat(x.quantile(0.99).getAsDouble()).isCloseTo(0.98, within(1e-12)); // rank 39.6: 0.5 + 0.5 * 9.6/10
        assertThat(x.count()).isEqualTo(40);
    }

    @Test
    void rankInTheInfBucketReturnsTheHighestFiniteBound() {
        Histogram x = h(new double[] {1, 2, INF}, new double[] {1, 2, 10});
        assertThat(x.quantile(0.5)).isEqualTo(OptionalDouble.of(2));
        assertThat(x.quantile(0.99)).isEqualTo(OptionalDouble.of(2));
    }

    @Test
    void notAvailableWherePromQlGivesNaN() {
        assertThat(h(new double[] {1, 2}, new double[] {1, 2}).quantile(0.5)).isEmpty();           // no +Inf
        assertThat(h(new double[] {INF}, new double[] {5}).quantile(0.5)).isEmpty();               // one bucket
        assertThat(h(new double[] {1, INF}, new double[] {0, 0}).quantile(0.5)).isEmpty();         // no observations
        assertThat(h(new double[] {1, 2}, new double[] {1, 2}).count()).isNaN();
    }

    @Test
    void negativeLowestBoundIsReturnedAsIs() {
        assertThat(h(new double[] {-1, 0, INF}, new double[] {5, 8, 10}).quantile(0.2)).isEqualTo(OptionalDouble.of(-1));
    }

    @Test
    void nonMonotonicCountsAreForcedMonotonic() {
        // float noise made bucket 2 dip below bucket 1; Prometheus treats it as 10
        Histogram x = h(new double[] {1, 2, 4, INF}, new double[] {10, 9.999999, 20, 20});
        assertThat(x.quantile(0.75).getAsDouble()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void deltasAndResets() {
        Histogram a = h(new double[] {1, INF}, new double[] {3, 5});
        Histogram b = h(new double[] {1, INF}, new double[] {4, 9});
        assertThat(b.minus(a).orElseThrow().cumulativeCounts()).containsExactly(1, 4);
        assertThat(a.minus(b)).isEmpty(); // went down: engine restarted
        assertThat(a.minus(h(new double[] {2, INF}, new double[] {0, 0}))).isEmpty(); // new layout
        assertThat(a.plus(b).orElseThrow().cumulativeCounts()).containsExactly(7, 14);
    }

    @Test
    void mergesSeriesWithDifferentLayoutsAtEveryBound() throws Exception {
        ParsedMetrics m = ParsedMetrics.parse("""
                x_bucket{s="a",le="1"} 2
                x_bucket{s="a",le="+Inf"} 3
                x_bucket{s="b",le="2"} 5
                x_bucket{s="b",le="+Inf"} 6
                x_bucket{s="c"} 100
                """);
        Histogram x = Histogram.from(m, "x").orElseThrow();
        assertThat(x.upperBounds()).containsExactly(1, 2, INF);
        assertThat(x.cumulativeCounts()).containsExactly(2, 7, 9); // a contributes 2 at le=2, c has no le
        assertThat(Histogram.from(m, "absent")).isEmpty();
    }
}
