package io.inferdeck.services.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quality.QuantReportRow;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.sweep.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each variant's KL is measured by one quantization report, then read from the ledger; a rewritten reference measures again. */
class QualityLedgerTest {
    @TempDir
    Path dir;

    final List<List<QuantMix>> reports = new ArrayList<>();

    final Engines engines = new Engines() {
        @Override public BenchResult bench(BenchPlan plan, Consumer<BenchProgress> progress) { throw new UnsupportedOperationException(); }
        @Override public Sweep.Measurer sweepPoints(Path work) { throw new UnsupportedOperationException(); }

        @Override
        public QuantReportResult quantReport(Path source, List<QuantMix> variants, QuantReport.Settings s, Path work,
                                             Consumer<QuantReport.Step> progress) {
            reports.add(variants);
            List<QuantReportRow> rows = variants.stream().map(t -> new QuantReportRow(t.name(), source, 1, false, false, 1, 1, 1,
                    t == QuantMix.Q4_0 ? 0.0465 : t == QuantMix.Q8_0 ? 0.0002 : Double.NaN, 1, 0, 16, 16, "")).toList();
            return new QuantReportResult("m", source, "F32", Instant.EPOCH, Duration.ZERO, 256, null, rows);
        }
    };

    @Test
    void aVariantIsMeasuredOnceAndAnUnmeasurableOneIsNamed() throws Exception {
        Path ref = Files.writeString(dir.resolve("m-f32.gguf"), "reference");
        QualityLedger ledger = new QualityLedger(dir.resolve("quality-kl.json"), engines, dir.resolve("work"));
        List<String> notes = new ArrayList<>();

        assertThat(ledger.meanKl(ref, List.of("Q8_0", "Q4_0"), notes::add)).isEqualTo(Map.of("Q8_0", 0.0002, "Q4_0", 0.0465));
        assertThat(new QualityLedger(dir.resolve("quality-kl.json"), engines, dir.resolve("work")).meanKl(ref, List.of("Q4_0", "Q5_0"), notes::add))
                .as("Q5_0's report gave NaN: not recorded").isEqualTo(Map.of("Q4_0", 0.0465));
        assertThat(reports).containsExactly(List.of(QuantMix.Q8_0, QuantMix.Q4_0), List.of(QuantMix.Q5_0));
        assertThat(ledger.meanKl(ref, List.of("NOPE"), notes::add)).isEmpty();
        assertThat(notes).contains("quality: the quantization report cannot measure NOPE");

        Files.writeString(ref, "rewritten reference");
        ledger.meanKl(ref, List.of("Q4_0"), notes::add);
        assertThat(reports).as("measured again for the new reference").hasSize(3).last().isEqualTo(List.of(QuantMix.Q4_0));
    }
}
