package io.inferdeck.safety.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExemplarsTest {
    /** Routed-like vectors: harmful ones point near +e0, benign near +e1; some live in the second half only. */
    static List<float[]> vectors(boolean[] harmful, long seed) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < harmful.length; i++) {
            harmful[i] = i % 2 == 0;
            float[] v = new float[8];
            int base = i % 3 == 0 ? 4 : 0; // a third fill only dims 4..7, like a routed CJK embedding
            for (int d = base; d < base + 4; d++) {
                v[d] = (float) (0.1 * r.nextGaussian());
            }
            v[base + (harmful[i] ? 0 : 1)] += 1;
            out.add(v);
        }
        return out;
    }

    @Test
    void votesForTheSideWhoseNearestExemplarsAreCloser() {
        boolean[] harmful = new boolean[60];
        Exemplars e = Exemplars.of(vectors(harmful, 1), harmful, 5, 20);
        assertThat(e.size()).isEqualTo(60);
        assertThat(e.score(new float[] {1, 0.05f, 0, 0, 0, 0, 0, 0})).isGreaterThan(0.9);
        assertThat(e.score(new float[] {0.05f, 1, 0, 0, 0, 0, 0, 0})).isLessThan(0.1);
        assertThat(e.score(new float[] {0, 0, 0, 0, 2, 0.1f, 0, 0})).as("scale-free, second half").isGreaterThan(0.9);
        assertThat(e.score(new float[8])).as("nothing to compare: an even vote").isEqualTo(0.5);
    }

    @Test
    void quantizedCosinesStayWithinAThousandthAndTheEncodingRoundTrips() {
        boolean[] harmful = new boolean[40];
        List<float[]> v = vectors(harmful, 2);
        Exemplars e = Exemplars.of(v, harmful, 1, 1);
        Exemplars back = Exemplars.decode(e.encode());
        float[] q = v.get(7).clone();
        // k = 1, sharpness 1: score = σ(best harmful cosine − best benign cosine); exemplar 7 itself is the best of its side
        double best = -1;
        for (int i = 0; i < v.size(); i++) {
            if (!harmful[i]) {
                best = Math.max(best, cos(q, v.get(i)));
            }
        }
        double exact = LinearHead.sigmoid(cosBestHarmful(v, harmful, q) - best);
        assertThat(back.score(q)).isEqualTo(e.score(q)).isCloseTo(exact, within(1e-3));
    }

    @Test
    void refusesBrokenData() {
        assertThatThrownBy(() -> Exemplars.decode("AAAA")).isInstanceOf(IllegalArgumentException.class);
        boolean[] harmful = new boolean[4];
        String good = Exemplars.of(vectors(harmful, 3), harmful, 2, 20).encode();
        assertThatThrownBy(() -> Exemplars.decode(good.substring(0, good.length() / 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double cosBestHarmful(List<float[]> v, boolean[] harmful, float[] q) {
        double best = -1;
        for (int i = 0; i < v.size(); i++) {
            if (harmful[i]) {
                best = Math.max(best, cos(q, v.get(i)));
            }
        }
        return best;
    }

    private static double cos(float[] a, float[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return d / Math.sqrt(na * nb);
    }
}
