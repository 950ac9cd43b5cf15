package io.inferdeck.tuning.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.GgufWriter;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.Quantizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KL and perplexity on the tiny model's variants, written by InferDeck's own quantizer. */
class QualityEvaluatorTest {
    @TempDir
    static Path dir;
    static Path f32;
    static Map<String, Path> variants = new LinkedHashMap<>();
    static int[] tokens;

    @BeforeAll
    static void variants() throws Exception {
        f32 = dir.resolve("tiny-f32.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, f32);
        variants.put("F32", f32);
        for (GgmlType t : List.of(GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0)) {
            Path p = dir.resolve("tiny-" + t.name().toLowerCase() + ".gguf");
            Quantizer.quantize(f32, p, t, QuantizeProgress.NONE);
            variants.put(t.name(), p);
        }
        // Any ids work for the measure; text pieces (261..) like a real sample, BOS first.
        Random r = new Random(42);
        tokens = new int[64];
        tokens[0] = 1;
        for (int i = 1; i < tokens.length; i++) {
            tokens[i] = 261 + r.nextInt(LlamaModelSpec.TINY.vocabSize() - 261);
        }
    }

    @Test
    void lossGrowsAsPrecisionDrops() throws Exception {
        int[] calls = {0};
        List<VariantQuality> q = QualityEvaluator.evaluate(f32, variants, tokens, (v, done, total) -> calls[0]++);
        assertThat(q).extracting(VariantQuality::variant).containsExactly("F32", "F16", "Q8_0", "Q4_0");
        VariantQuality ref = q.get(0), f16 = q.get(1), q8 = q.get(2), q4 = q.get(3);
        assertThat(ref.meanKl()).isZero();
        assertThat(ref.positions()).isEqualTo(tokens.length - 1);
        assertThat(ref.perplexity()).isGreaterThan(1).isFinite();
        assertThat(f16.meanKl()).isPositive();
        assertThat(f16.meanKl()).isLessThan(q8.meanKl());
        assertThat(q8.meanKl()).isLessThan(q4.meanKl());
        assertThat(calls[0]).isEqualTo(4 * (tokens.length - 1)); // reference pass (reused for F32) + 3 variants
    }

    @Test
    void aVariantAgainstItselfHasZeroKlAndTheSamePerplexity() throws Exception {
        Path copy = java.nio.file.Files.copy(variants.get("Q4_0"), dir.resolve("copy-of-q4_0.gguf"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);  // another path: computed, not short-cut
        List<VariantQuality> q = QualityEvaluator.evaluate(variants.get("Q4_0"), Map.of("Q4_0", copy),
                tokens, QualityEvaluator.Progress.NONE);
        assertThat(q.getFirst().meanKl()).isZero();
        List<VariantQuality> again = QualityEvaluator.evaluate(f32, Map.of("Q4_0", variants.get("Q4_0")), tokens,
                QualityEvaluator.Progress.NONE);
        assertThat(again.getFirst().perplexity()).isEqualTo(q.getFirst().perplexity());
    }

    /**
     * The k-quant mixes on a model whose rows (256, 512) fill whole super-blocks, so the reference decodes real
     * Q2_K..Q6_K blocks: loss grows as the mix's bits drop, and the variant files are recognised by their mix.
     */
    @Test
    void kQuantMixesAreDecodedAndOrderedByLoss() throws Exception {
        LlamaModelSpec spec = new LlamaModelSpec("kq-2", "k-quant report test (random weights)", 640, 256, 2, 4, 1, 256, 512, 12L);
        Path src = dir.resolve("kq-f32.gguf");
        ModelGenerator.write(spec, GgmlType.F32, src);
        Map<String, Path> mixes = new LinkedHashMap<>(Map.of("F32", src));
        for (QuantMix m : List.of(QuantMix.Q6_K, QuantMix.Q4_K_M, QuantMix.Q2_K)) {
            Path p = VariantFiles.sibling(src, m.name());
            assertThat(VariantFiles.ensure(src, p, m, QuantizeProgress.NONE)).isTrue();
            assertThat(VariantFiles.ensure(src, p, m, QuantizeProgress.NONE)).as("kept on a second look").isFalse();
            assertThat(VariantFiles.mixOf(p)).isEqualTo(m);
            mixes.put(m.name(), p);
        }
        Path other = java.nio.file.Files.copy(mixes.get("Q2_K"), dir.resolve("kq-other.gguf"));
        assertThat(VariantFiles.ensure(src, other, QuantMix.Q3_K_S, QuantizeProgress.NONE)).as("another mix is rewritten").isTrue();
        assertThat(VariantFiles.mixOf(other)).isEqualTo(QuantMix.Q3_K_S);

        Random r = new Random(7);
        int[] ids = new int[16];
        ids[0] = 1;
        for (int i = 1; i < ids.length; i++) {
            ids[i] = 261 + r.nextInt(spec.vocabSize() - 261);
        }
        List<VariantQuality> q = QualityEvaluator.evaluate(src, mixes, ids, QualityEvaluator.Progress.NONE);
        assertThat(q).extracting(VariantQuality::variant).containsExactly("F32", "Q6_K", "Q4_K_M", "Q2_K");
        assertThat(q.get(1).meanKl()).isPositive().isLessThan(q.get(2).meanKl());
        assertThat(q.get(2).meanKl()).isLessThan(q.get(3).meanKl());
    }

    @Test
    void klOfKnownDistributions() {
        double[] p = {Math.log(0.5), Math.log(0.5)};
        double[] q = {Math.log(0.25), Math.log(0.75)};
        assertThat(QualityEvaluator.klDivergence(p, q)).isCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(0.5 / 0.75),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void otherArchitecturesAndMissingTensorsAreRefusedWithAReason() throws Exception {
        Path gpt2 = dir.resolve("gpt2.gguf");
        new GgufWriter().put("general.architecture", GgufValue.str("gpt2")).writeTo(gpt2);
        assertThatThrownBy(() -> ReferenceModel.load(gpt2)).isInstanceOf(ReferenceModelException.class)
                .hasMessageContaining("'gpt2'").hasMessageContaining("'llama' only");

        Path headerOnly = dir.resolve("no-tensors.gguf");
        GgufWriter w = new GgufWriter();
        GgufReader.read(f32).metadata().forEach((k, v) -> {
            if (!k.equals("general.alignment")) {
                w.put(k, v);
            }
        });
        w.writeTo(headerOnly);
        assertThatThrownBy(() -> ReferenceModel.load(headerOnly)).isInstanceOf(ReferenceModelException.class)
                .hasMessageContaining("no tensor 'token_embd.weight'");
    }

    @Test
    void tokensOutsideTheVocabularyAreRefused() throws Exception {
        assertThatThrownBy(() -> QualityEvaluator.evaluate(f32, Map.of(), new int[] {1, 99_999}, QualityEvaluator.Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99999");
    }
}
