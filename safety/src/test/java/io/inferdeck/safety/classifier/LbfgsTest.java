package io.inferdeck.safety.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LbfgsTest {
    @Test
    void findsTheMinimumOfAnIllConditionedQuadratic() {
        // f(x) = Σ c_i (x_i - t_i)^2 with curvatures spanning four orders of magnitude
        double[] c = {1e-2, 1, 10, 100};
        double[] t = {3, -1, 0.5, 2};
        double[] x = new double[4];
        double f = Lbfgs.minimize((p, g) -> {
            double v = 0;
            for (int i = 0; i < p.length; i++) {
                v += c[i] * (p[i] - t[i]) * (p[i] - t[i]);
                g[i] = 2 * c[i] * (p[i] - t[i]);
            }
            return v;
        }, x, 200);
        assertThat(f).isLessThan(1e-8);
        for (int i = 0; i < 4; i++) {
            assertThat(x[i]).isCloseTo(t[i], within(1e-3));
        }
    }
}
