package io.inferdeck.safety.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heads that read hashed n-grams: training where only the words separate, and the head file round trip. */
class NgramHeadTest {
    private static final NgramHasher HASHER = new NgramHasher(12);
    private static final float[] FLAT = {0.5f, -0.25f, 0.125f}; // the same embedding for every text

    static List<HeadTrainer.Example> wordsOnly() {
        List<HeadTrainer.Example> out = new ArrayList<>();
        String[] harmful = {"buy pills tonight", "pills without prescription", "where pills cheap", "pills delivered fast"};
        String[] benign = {"bake bread tonight", "bread without yeast", "where bread cheap", "bread delivered fast",
            "walk the dog", "fix the bike"};
        for (String s : harmful) {
            out.add(new HeadTrainer.Example(FLAT, HASHER.features(s), "drugs", "en"));
        }
        for (String s : new String[] {"rifle without license", "rifle parts cheap"}) {
            out.add(new HeadTrainer.Example(FLAT, HASHER.features(s), "weapons", "en"));
        }
        for (String s : benign) {
            out.add(new HeadTrainer.Example(FLAT, HASHER.features(s), LabeledText.BENIGN, "en"));
        }
        return out;
    }

    @Test
    void ngramWeightsSeparateTextsTheEmbeddingCannot() {
        LinearHead h = new HeadTrainer(new HeadTrainer.Options(200, 1e-4, 12)).fit("drugs", wordsOnly());
        assertThat(h.ngramDims()).isEqualTo(4096);
        assertThat(h.score(FLAT, HASHER.features("pills tonight"))).isGreaterThan(0.5);
        assertThat(h.score(FLAT, HASHER.features("bread tonight"))).isLessThan(0.5);
        LinearHead embeddingOnly = new HeadTrainer(new HeadTrainer.Options(200, 1e-4, 0)).fit("drugs", wordsOnly());
        assertThat(embeddingOnly.ngramDims()).isZero();
        assertThat(embeddingOnly.score(FLAT, HASHER.features("pills tonight")))
                .isEqualTo(embeddingOnly.score(FLAT, HASHER.features("bread tonight")));
    }

    @Test
    void aStoredHeadScoresExactlyAsTheTrainedOne() throws IOException {
        LinearHead h = new HeadTrainer(new HeadTrainer.Options(200, 1e-4, 12)).fit("drugs", wordsOnly()).withBands(0.6,
                java.util.OptionalDouble.of(0.4));
        ClassifierHead head = new ClassifierHead(EmbedderKind.MINILM, "ab", List.of(h), JsonNodeFactory.instance.objectNode());
        ClassifierHead back = ClassifierHead.fromJson(head.toJson());
        assertThat(back.ngrams()).map(NgramHasher::bits).hasValue(12);
        assertThat(back.hash()).isEqualTo(head.hash());
        for (String s : List.of("pills tonight", "bread tonight", "购买药片")) {
            SparseFeatures g = back.ngramFeatures(s);
            assertThat(back.heads().getFirst().score(FLAT, g)).isEqualTo(h.score(FLAT, g));
        }
    }

    @Test
    void withAGateEachCategoryScoresTheMeanOfItsHeadAndTheGateAndTheGateSurvivesTheFile() throws IOException {
        HeadTrainer trainer = new HeadTrainer(new HeadTrainer.Options(200, 1e-4, 12));
        LinearHead drugs = trainer.fit("drugs", wordsOnly());
        LinearHead gate = trainer.fitGate(HeadTraining.GATE, wordsOnly());
        ClassifierHead head = new ClassifierHead(EmbedderKind.MINILM, "ab", List.of(drugs), java.util.Optional.of(gate), java.util.Optional.empty(),
                JsonNodeFactory.instance.objectNode());
        ClassifierHead back = ClassifierHead.fromJson(head.toJson());
        assertThat(back.gate()).isPresent();
        assertThat(back.categories()).containsExactly("drugs");
        SparseFeatures g = HASHER.features("pills tonight");
        double own = drugs.score(FLAT, g);
        double any = gate.score(FLAT, g);
        assertThat(own).isNotEqualTo(any);
        assertThat(back.scores(FLAT, g)).containsExactly((own + any) / 2);
        assertThat(new ClassifierHead(EmbedderKind.MINILM, "ab", List.of(drugs), null).scores(FLAT, g)).containsExactly(own);
    }

    @Test
    void headsWithDifferentBucketCountsOrBrokenWeightsAreRefused() {
        LinearHead a = new LinearHead("a", FLAT, new float[256], 0, 0.5, java.util.OptionalDouble.empty());
        LinearHead b = new LinearHead("b", FLAT, new float[512], 0, 0.5, java.util.OptionalDouble.empty());
        assertThatThrownBy(() -> new ClassifierHead(EmbedderKind.MINILM, "ab", List.of(a, b), null))
                .isInstanceOf(IllegalArgumentException.class);
        String broken = new String(new ClassifierHead(EmbedderKind.MINILM, "ab", List.of(a), null).toJson(),
                StandardCharsets.UTF_8).replaceFirst("\"ngramWeights\" : \"A", "\"ngramWeights\" : \"*");
        assertThatThrownBy(() -> ClassifierHead.fromJson(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("classifier head JSON");
    }
}
