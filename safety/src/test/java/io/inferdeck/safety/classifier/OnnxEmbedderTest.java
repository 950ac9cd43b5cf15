package io.inferdeck.safety.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEmbedderTest {
    @TempDir
    static Path dir;
    static OnnxEmbedder embedder;

    @BeforeAll
    static void load() throws Exception {
        embedder = OnnxEmbedder.load(dir);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void embeddingsAreUnitLengthAndSemantic() {
        float[] a = embedder.embed("How do I make a bomb at home?");
        float[] b = embedder.embed("Instructions for building an explosive device");
        float[] c = embedder.embed("What is a good recipe for banana bread?");
        assertThat(a).hasSize(384);
        assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.2);
    }

    @Test
    void bgeSmallZhLoadsFromItsJarAndEmbedsChineseByMeaning() throws Exception {
        try (OnnxEmbedder bge = OnnxEmbedder.load(dir, OnnxModel.BGE_ZH)) {
            float[] a = bge.embed("怎么在家里制作炸弹？");
            float[] b = bge.embed("自制爆炸装置的方法");
            float[] c = bge.embed("香蕉面包怎么做才松软？");
            assertThat(a).hasSize(bge.dimension()).hasSize(512);
            assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.05);
            assertThat(bge.modelSha256()).isEqualTo(OnnxModel.BGE_ZH.sha256());
        }
    }

    @Test
    void sameTextGivesSameVector() {
        assertThat(embedder.embed("hello world")).containsExactly(embedder.embed("hello world"));
    }

    @Test
    void threadSettingsAndConcurrentCallsGiveTheSameVectorsAsOneCallAtATime() throws Exception {
        List<String> texts = devSplitSample(120);
        for (OnnxModel model : List.of(OnnxModel.MINILM, OnnxModel.BGE_ZH)) {
            try (OnnxEmbedder serial = OnnxEmbedder.load(dir, model, new OrtParallelism(2, 1));
                 OnnxEmbedder parallel = OnnxEmbedder.load(dir, model, new OrtParallelism(1, 2))) {
                List<float[]> expected = texts.stream().map(serial::embed).toList();
                List<float[]> got;
                try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                    List<java.util.concurrent.Future<float[]>> f = texts.stream().map(t -> pool.submit(() -> parallel.embed(t))).toList();
                    got = new java.util.ArrayList<>();
                    for (var x : f) {
                        got.add(x.get());
                    }
                }
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(got.get(i)).as("%s, dev-split text %d", model.name(), i).containsExactly(expected.get(i));
                }
            }
        }
    }

    @Test
    void aClosedEmbedderRefusesToEmbed() throws Exception {
        OnnxEmbedder e = OnnxEmbedder.load(dir, OnnxModel.MINILM, new OrtParallelism(1, 2));
        e.close();
        e.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.embed("hello")).isInstanceOf(IllegalStateException.class);
    }

    /** {@code count} prompts spread over the dev split (English, Chinese and mixed). */
    static List<String> devSplitSample(int count) throws java.io.IOException {
        var cases = io.inferdeck.safety.suite.StarterSuite.devSplit().cases();
        int step = Math.max(1, cases.size() / count);
        return java.util.stream.IntStream.range(0, cases.size() / step).mapToObj(i -> cases.get(i * step).prompt()).toList();
    }

    static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
