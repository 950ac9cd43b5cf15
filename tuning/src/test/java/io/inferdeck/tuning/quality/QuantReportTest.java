package io.inferdeck.tuning.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.QuantizeProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole report on the tiny model: variants quantized on demand, real runner processes, reference quality. */
class QuantReportTest {
    @TempDir
    Path dir;

    @Test
    void reportsSizeSpeedAndQualityForEveryVariant() throws Exception {
        Path f32 = dir.resolve("tiny-f32.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, f32);
        List<QuantReport.Step> steps = new ArrayList<>();
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        QuantReportResult r;
        try {
            QuantReport report = new QuantReport(LaunchContext.forThisJvm(), dir.resolve("work"), exec, Clock.systemUTC(),
                    new QuantReport.Settings(Duration.ofMillis(200), Duration.ofSeconds(1), 8, 64, TextSample.builtIn()));
            r = report.run(f32, List.of(QuantMix.Q4_0, QuantMix.Q8_0), steps::add);
        } finally {
            exec.shutdownNow();
        }
        assertThat(r.rows()).extracting(QuantReportRow::variant).containsExactly("F32", "Q8_0", "Q4_0");
        assertThat(Files.isRegularFile(dir.resolve("tiny-q8_0.gguf"))).isTrue();
        assertThat(Files.isRegularFile(dir.resolve("tiny-q4_0.gguf"))).isTrue();
        QuantReportRow ref = r.rows().get(0), q8 = r.rows().get(1), q4 = r.rows().get(2);
        assertThat(ref.reference()).isTrue();
        assertThat(ref.created()).isFalse();
        assertThat(q4.created()).isTrue();
        assertThat(r.sampleTokens()).as(r.toString()).isEqualTo(64);  // the built-in sample is longer; cut to maxSampleTokens
        assertThat(r.qualityNote()).isNull();
        for (QuantReportRow w : r.rows()) {
            assertThat(w.notes()).as(w.variant()).isEmpty();
            assertThat(w.decodeTokensPerSecond()).as(w.variant()).isPositive().isFinite();
            assertThat(w.ttftP50Ms()).as(w.variant()).isPositive().isFinite();
            assertThat(w.speedRequests()).isPositive();
            assertThat(w.fileBytes()).isEqualTo(Files.size(w.file()));
        }
        assertThat(q4.fileBytes()).isLessThan(q8.fileBytes());
        assertThat(q8.fileBytes()).isLessThan(ref.fileBytes());
        assertThat(ref.meanKl()).isZero();
        // The reference forward pass on the F32 weights generates exactly what llama.cpp generates.
        assertThat(ref.greedyCompared()).isEqualTo(SpeedProbe.GREEDY_TOKENS);
        assertThat(ref.greedyMatched()).isEqualTo(SpeedProbe.GREEDY_TOKENS);
        assertThat(q4.greedyCompared()).isEqualTo(SpeedProbe.GREEDY_TOKENS);
        assertThat(ref.deltaPerplexityPercent()).isZero();
        assertThat(q8.meanKl()).isPositive().isLessThan(q4.meanKl());
        assertThat(steps).extracting(QuantReport.Step::stage).contains(QuantReport.Stage.QUANTIZE, QuantReport.Stage.SPEED,
                QuantReport.Stage.QUALITY);

        JsonNode json = new ObjectMapper().readTree(QuantReportExport.json(r));
        assertThat(json.get("schema").asText()).isEqualTo(QuantReportExport.SCHEMA);
        assertThat(json.get("variants")).hasSize(3);
        assertThat(json.at("/variants/2/mean_kl_nats").asDouble()).isEqualTo(q4.meanKl());
        List<String> csv = QuantReportExport.csv(r).lines().toList();
        assertThat(csv).hasSize(4).first().isEqualTo(QuantReportExport.CSV_HEADER);
        assertThat(csv.get(3)).startsWith("Q4_0," + q4.fileBytes() + ",");
        assertThat(json.at("/variants/0/greedy_tokens_matching_engine").asInt()).isEqualTo(SpeedProbe.GREEDY_TOKENS);
        assertThat(QuantReportExport.markdown(r)).contains("| F32 (reference) |").contains("| Q4_0 |");

        // A second look finds the variants already there and keeps them.
        assertThat(VariantFiles.ensure(f32, dir.resolve("tiny-q4_0.gguf"), QuantMix.Q4_0, QuantizeProgress.NONE)).isFalse();
    }

    @Test
    void variantNamesAndRefusals() {
        Path src = Path.of("/m/model-f32.gguf");
        assertThat(VariantFiles.pathFor(src, QuantMix.F32, QuantMix.Q4_0)).isEqualTo(Path.of("/m/model-q4_0.gguf"));
        assertThat(VariantFiles.pathFor(src, QuantMix.F32, QuantMix.F32)).isEqualTo(src);
        assertThat(VariantFiles.pathFor(Path.of("/m/Model.F16.gguf"), QuantMix.F16, QuantMix.Q8_0)).isEqualTo(Path.of("/m/Model-q8_0.gguf"));
        assertThat(VariantFiles.pathFor(Path.of("/m/plain.gguf"), QuantMix.F32, QuantMix.Q5_0)).isEqualTo(Path.of("/m/plain-q5_0.gguf"));
        assertThatThrownBy(() -> VariantFiles.check(QuantMix.F16, List.of(QuantMix.F32)))
                .hasMessageContaining("higher precision than the source");
        assertThatThrownBy(() -> VariantFiles.check(QuantMix.Q4_K_M, List.of(QuantMix.Q6_K)))
                .hasMessageContaining("Q6_K is higher precision than the source (Q4_K_M)");
        // k-quant mixes: named like llama.cpp's files, and every variant of one model shares one stem
        assertThat(VariantFiles.pathFor(src, QuantMix.F32, QuantMix.Q4_K_M)).isEqualTo(Path.of("/m/model-q4_k_m.gguf"));
        assertThat(VariantFiles.pathFor(Path.of("/m/Model.Q3_K_S.gguf"), QuantMix.Q3_K_S, QuantMix.Q2_K))
                .isEqualTo(Path.of("/m/Model-q2_k.gguf"));
        assertThat(io.inferdeck.gguf.ModelLibrary.stem("model-Q5_K_M.gguf")).isEqualTo("model");
        assertThat(io.inferdeck.gguf.ModelLibrary.stem("model-q4_k.gguf")).isEqualTo("model");
        // every mix has a place in the precision order, and that order never puts fewer bits above more
        assertThat(VariantFiles.BY_PRECISION).containsExactlyInAnyOrder(QuantMix.values());
        assertThat(VariantFiles.BY_PRECISION.indexOf(QuantMix.Q4_K_M)).isLessThan(VariantFiles.BY_PRECISION.indexOf(QuantMix.Q4_K_S));
        assertThat(VariantFiles.BY_PRECISION.indexOf(QuantMix.Q6_K)).isLessThan(VariantFiles.BY_PRECISION.indexOf(QuantMix.Q5_K_M));
    }
}
