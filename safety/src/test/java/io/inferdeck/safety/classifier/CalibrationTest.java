package io.inferdeck.safety.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    @Test
    void stratifiedSplitHoldsOutTheShareOfEveryLabelAndLanguageAndIsSeeded() {
        List<LabeledText> data = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            data.add(new LabeledText("t" + i, i % 4 == 0 ? "drugs" : "benign", i % 2 == 0 ? "en" : "zh"));
        }
        boolean[] a = HeldOutSplit.stratified(data, 7, 0.2);
        assertThat(HeldOutSplit.stratified(data, 7, 0.2)).containsExactly(a);
        assertThat(HeldOutSplit.stratified(data, 8, 0.2)).isNotEqualTo(a);
        for (String label : List.of("drugs", "benign")) {
            for (String lang : List.of("en", "zh")) {
                int n = 0;
                int held = 0;
                for (int i = 0; i < data.size(); i++) {
                    if (data.get(i).label().equals(label) && data.get(i).lang().equals(lang)) {
                        n++;
                        held += a[i] ? 1 : 0;
                    }
                }
                assertThat(held).as(label + "/" + lang).isEqualTo(Math.round(0.2 * n));
            }
        }
    }

    /** Overlapping clusters: drugs around e0, benign around e1, noisy enough that some benign score high. */
    static List<HeadTrainer.Example> examples(int n, long seed) {
        Random rnd = new Random(seed);
        List<HeadTrainer.Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pos = i % 3 == 0;
            float[] x = new float[8];
            x[pos ? 0 : 1] = 1;
            for (int d = 0; d < x.length; d++) {
                x[d] += (float) (rnd.nextGaussian() * 0.8);
            }
            out.add(new HeadTrainer.Example(x, pos ? "drugs" : LabeledText.BENIGN, i % 2 == 0 ? "en" : "zh"));
        }
        return out;
    }

    @Test
    void reviewBandsKeepTheHeldOutBenignRateWithinTargetInEveryLanguage() {
        LinearHead fitted = new HeadTrainer(new HeadTrainer.Options(300, 1e-4, 0)).fit("drugs", examples(600, 1));
        List<HeadTrainer.Example> held = examples(400, 2);
        LinearHead head = new LinearHead("drugs", fitted.weights(), fitted.bias(), HeadTrainer.calibrate(fitted, held).threshold());
        double[][] scores = held.stream().map(e -> new double[] {head.score(e.x())}).toArray(double[][]::new);
        BandCalibration.Result r = BandCalibration.fit(List.of(head), scores, held, 0.05, false);
        LinearHead banded = r.heads().getFirst();
        assertThat(banded.reviewThreshold()).isPresent();
        assertThat(banded.reviewThreshold().getAsDouble()).isLessThanOrEqualTo(banded.threshold());
        for (String lang : List.of("en", "zh", "all")) {
            var f = r.operatingPoint().path("heldOutByLanguage").path(lang);
            assertThat(f.path("benignFpr").asDouble()).as(lang).isLessThanOrEqualTo(0.05);
            assertThat(f.path("recall").asDouble()).as(lang).isGreaterThan(0.3);
        }
        // the curve: recall never rises as the threshold rises
        var recall = r.curves().path("drugs").path("en").path("recall");
        assertThat(recall.size()).isEqualTo(BandCalibration.CURVE_POINTS);
        for (int i = 1; i < recall.size(); i++) {
            assertThat(recall.get(i).asDouble()).isLessThanOrEqualTo(recall.get(i - 1).asDouble());
        }
    }

    @Test
    void aSharedBandIsTheLowestOneBottomForAllHeadsThatKeepsTheTarget() {
        HeadTrainer trainer = new HeadTrainer(new HeadTrainer.Options(300, 1e-4, 0));
        List<HeadTrainer.Example> train = examples(600, 1);
        List<LinearHead> heads = List.of(trainer.fit("drugs", train).withBands(0.9, java.util.OptionalDouble.empty()),
                trainer.fitGate("other", train).withBands(0.9, java.util.OptionalDouble.empty()));
        List<HeadTrainer.Example> held = examples(400, 2);
        double[][] s = held.stream().map(e -> heads.stream().mapToDouble(h -> h.score(e.x())).toArray()).toArray(double[][]::new);
        BandCalibration.Result r = BandCalibration.fit(heads, s, held, 0.05, true);
        double band = r.heads().getFirst().reviewThreshold().orElseThrow();
        assertThat(r.heads().get(1).reviewThreshold()).hasValue(band);
        assertThat(BandCalibration.worstFpr(held, s, new double[] {band, band})).isLessThanOrEqualTo(0.05);
        // the next benign prompt's max score below the band would break the target
        double next = java.util.stream.IntStream.range(0, held.size()).filter(e -> BandCalibration.benign(held.get(e)))
                .mapToDouble(e -> Math.max(s[e][0], s[e][1])).filter(m -> m < band).max().orElseThrow();
        assertThat(BandCalibration.worstFpr(held, s, new double[] {next, next})).isGreaterThan(0.05);
    }

    @Test
    void pairedEmbedderRoutesByScriptOrConcatenates() {
        Embedder latin = new Constant(new float[] {1, 0}, "a");
        Embedder cjk = new Constant(new float[] {0, 0, 1}, "b");
        PairedEmbedder route = new PairedEmbedder(latin, cjk, PairedEmbedder.Mode.ROUTE);
        assertThat(route.embed("hello")).containsExactly(1, 0, 0, 0, 0);
        assertThat(route.embed("你好 hello")).containsExactly(0, 0, 0, 0, 1);
        PairedEmbedder concat = new PairedEmbedder(latin, cjk, PairedEmbedder.Mode.CONCAT);
        float h = (float) Math.sqrt(0.5);
        assertThat(concat.embed("hello")).containsExactly(h, 0, 0, 0, h);
        assertThat(concat.modelSha256()).isNotEqualTo(route.modelSha256()).hasSize(64);
    }

    record Constant(float[] v, String sha) implements Embedder {
        @Override
        public float[] embed(String text) {
            return v.clone();
        }

        @Override
        public int dimension() {
            return v.length;
        }

        @Override
        public String modelSha256() {
            return sha;
        }

        @Override
        public void close() {
        }
    }
}
