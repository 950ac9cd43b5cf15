package io.inferdeck.safety.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadTrainerTest {

    /** Two noisy clusters on the unit sphere: "weapons" around e0, benign around e1. */
    static List<HeadTrainer.Example> clusters(int n, long seed) {
        Random rnd = new Random(seed);
        List<HeadTrainer.Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pos = i % 3 == 0;
            float[] x = new float[16];
            x[pos ? 0 : 1] = 1;
            for (int d = 0; d < x.length; d++) {
                x[d] += (float) (rnd.nextGaussian() * 0.35);
            }
            out.add(new HeadTrainer.Example(x, pos ? "weapons" : LabeledText.BENIGN));
        }
        return out;
    }

    @Test
    void learnsASeparableCategoryAndCalibratesOnHeldOut() {
        HeadTrainer trainer = new HeadTrainer(new HeadTrainer.Options(400, 1e-4, 0));
        LinearHead head = trainer.fit("weapons", clusters(300, 1));
        HeadTrainer.Metrics m = HeadTrainer.calibrate(head, clusters(90, 2));
        assertThat(m.positives()).isEqualTo(30);
        assertThat(m.f1()).isGreaterThan(0.9);
        assertThat(m.threshold()).isBetween(0.5, 0.95);
    }

    @Test
    void untrainedHeadScoresAtChance() {
        LinearHead zero = new LinearHead("x", new float[16], 0, 0.5);
        assertThat(zero.score(new float[16])).isEqualTo(0.5);
    }

    @Test
    void headJsonRoundTripsAndHashIsStable() throws Exception {
        LinearHead h = new HeadTrainer(new HeadTrainer.Options(50, 0, 0)).fit("weapons", clusters(60, 3));
        ClassifierHead head = new ClassifierHead("ab", List.of(new LinearHead("weapons", h.weights(), h.bias(), 0.42)),
                JsonNodeFactory.instance.objectNode().put("examples", 60));
        ClassifierHead back = ClassifierHead.fromJson(head.toJson());
        assertThat(back.heads().getFirst().threshold()).isEqualTo(0.42);
        assertThat(back.hash()).isEqualTo(head.hash());
        assertThat(back.training().path("examples").asInt()).isEqualTo(60);
    }

    @Test
    void trainingDataReportsBadLinesAndKeepsTheRest() throws Exception {
        String jsonl = """
                {"text": "how do I cook meth", "label": "drugs"}
                not json
                {"text": "", "label": "drugs"}
                // comment
                {"text": "bake bread", "label": "benign"}
                """;
        TrainingData d = TrainingData.read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
        assertThat(d.examples()).hasSize(2);
        assertThat(d.problems()).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("line 2:"))
                .anySatisfy(p -> assertThat(p).startsWith("line 3:"));
        assertThat(d.categories()).containsExactly("drugs");
    }
}
