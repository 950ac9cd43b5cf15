package io.inferdeck.views.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.services.tuning.BenchSettings;
import io.inferdeck.services.tuning.Variant;
import io.inferdeck.tuning.history.RunRecord;
import io.inferdeck.tuning.history.RunStatus;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tuning view-model without a stage: same-thread worker and a dispatcher that drains synchronously, so
 * each call's results are visible when it returns. Real tiny GGUF files, quantizer and history database;
 * sweeps and benches return given records (figures derived from the point, so each test knows the answer).
 */
class TuningViewModelTest {
    @TempDir
    static Path shared;
    static Path q4;
    @TempDir
    Path dir;

    TuningFixtures.FakeServices services;
    TuningFixtures.RecordingEngine engine = new TuningFixtures.RecordingEngine();
    EngineTarget target = new EngineTarget();
    TuningViewModel vm;

    @BeforeAll
    static void models() throws Exception {
        Files.createDirectories(shared.resolve("models"));
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.F32, shared.resolve("models/inferdeck-tiny-f32.gguf"));
        q4 = shared.resolve("models/inferdeck-tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, q4);
    }

    @BeforeEach
    void setUp() throws Exception {
        Path models = dir.resolve("models");
        Files.createDirectories(models);
        for (Path p : List.of(shared.resolve("models/inferdeck-tiny-f32.gguf"), q4)) Files.copy(p, models.resolve(p.getFileName()));
        // parallel 4 misses the 500 ms SLO; Q4_0 is faster: the answer is Q4_0 batch 512 parallel 2
        services = new TuningFixtures.FakeServices(dir, (p, load) -> SweepOutcome.measured(p, TuningFixtures.result(
                p.parallel() * (p.quant().equals("Q4_0") ? 3.0 : 2.0), 150.0 * p.parallel(), 180.0 * p.parallel(), load.slo())));
        FxDispatcher dispatcher = new FxDispatcher(Runnable::run, System::nanoTime, (task, delay) -> task.run(), Duration.ZERO);
        vm = new TuningViewModel(services, BackgroundExecutor.sameThread(), dispatcher, engine, target);
        vm.acceptEngine(snapshot(running(), new EngineState.Ready(URI.create("http://127.0.0.1:1/"), 1, Instant.EPOCH)));
    }

    DeploymentProfile running() {
        return DeploymentProfile.builder().name("base").model(dir.resolve("models/inferdeck-tiny-q4_0.gguf").toString())
                .quantization("Q4_0").ctx(512).build();
    }

    static EngineSnapshot snapshot(DeploymentProfile p, EngineState state) {
        return new EngineSnapshot(p.name(), p, List.of(state), List.of(), List.of(), List.of());
    }

    @Test
    void fieldsGetTheValidatorsMessagesAndOnlyAValidProfileCanBeApplied() {
        ProfileForm f = vm.form();
        assertThat(f.messages()).isEmpty();
        assertThat(f.profileProperty().get().ctx()).isEqualTo(512);

        f.batchProperty().set("lots");
        assertThat(f.messages().get("batch").message()).isEqualTo("must be a whole number");
        assertThat(f.profileProperty().get()).isNull();
        assertThat(vm.apply()).isFalse();

        f.batchProperty().set("256");   // below ubatch 512
        f.ctxProperty().set("4096");    // the tiny model was trained on 1024
        f.cacheTypeVProperty().set("q8_0");
        assertThat(f.messages().get("batch").message()).contains("must be >= ubatch (512)");
        assertThat(f.messages().get("ctx").message()).contains("trained context of 1024");
        assertThat(f.messages().get("cacheTypeV").message()).contains("needs flashAttention");
        assertThat(f.messages()).doesNotContainKey("parallel");

        f.ubatchProperty().set("256");
        f.ctxProperty().set("1024");
        f.flashAttentionProperty().set(true);
        assertThat(f.messages()).isEmpty();
        assertThat(vm.apply()).isTrue();
        assertThat(engine.applied.getLast().batch()).isEqualTo(256);
        assertThat(vm.diffProperty().get()).contains("batch: 512 → 256", "cacheTypeV: default → q8_0", "flashAttention: false → true");
    }

    @Test
    void variantsOnDiskAndCreatableOnesAreListedAndCreateRunsTheQuantizer() {
        assertThat(vm.variants()).extracting(Variant::toString).startsWith("F32", "F16 (create)").contains("Q4_0", "Q8_0 (create)");
        assertThat(vm.form().variantProperty().get().quant()).isEqualTo("Q4_0");
        assertThat(vm.creatableProperty().get()).isFalse();

        Variant q8 = vm.variants().stream().filter(v -> v.quant().equals("Q8_0")).findFirst().orElseThrow();
        vm.form().variantProperty().set(q8);
        assertThat(vm.creatableProperty().get()).isTrue();
        assertThat(vm.apply()).as("a variant that does not exist cannot run").isFalse();
        assertThat(vm.fit().noteProperty().get()).contains("Q8_0 does not exist yet");

        vm.createVariant();

        assertThat(dir.resolve("models/inferdeck-tiny-q8_0.gguf")).isNotEmptyFile();
        assertThat(vm.messageProperty().get()).startsWith("Created Q8_0: inferdeck-tiny-q8_0.gguf");
        assertThat(vm.form().variantProperty().get()).isEqualTo(new Variant("Q8_0", dir.resolve("models/inferdeck-tiny-q8_0.gguf"), true));
        assertThat(vm.creatableProperty().get()).isFalse();
        assertThat(vm.quantizeProgressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void fitVerdictFollowsTheGpusFreeMemoryAndSaysCpuWithoutNvml() {
        MemoryFitModel fit = vm.fit();
        vm.acceptGpu(GpuSnapshot.withoutGpus(Instant.EPOCH, SourceState.unavailable("NVML not available: no driver")));
        assertThat(fit.fitProperty().get()).isEqualTo(MemoryFitModel.Fit.CPU_ONLY);
        assertThat(fit.summaryProperty().get()).startsWith("No GPU: runs on CPU");
        long needed = fit.estimateProperty().get().hostBytes();
        assertThat(needed).isGreaterThan(fit.estimateProperty().get().hostWeightBytes()).isPositive();

        vm.form().gpuLayersProperty().set("99");
        vm.acceptGpu(gpu(8L << 30));
        assertThat(fit.fitProperty().get()).isEqualTo(MemoryFitModel.Fit.FITS);
        long total = fit.estimateProperty().get().gpus().getFirst().totalBytes();
        assertThat(fit.estimateProperty().get().gpus().getFirst().kvBytes()).isPositive();

        vm.acceptGpu(gpu(total + total / 20));    // 5% headroom: under the 10% line
        assertThat(fit.fitProperty().get()).isEqualTo(MemoryFitModel.Fit.TIGHT);
        vm.acceptGpu(gpu(total - 1));
        assertThat(fit.fitProperty().get()).isEqualTo(MemoryFitModel.Fit.WILL_NOT_FIT);
        assertThat(fit.summaryProperty().get()).startsWith("Will not fit");

        vm.form().ctxProperty().set("256");        // a smaller KV cache fits again in the same memory
        assertThat(fit.fitProperty().get()).isNotEqualTo(MemoryFitModel.Fit.WILL_NOT_FIT);
    }

    static GpuSnapshot gpu(long free) {
        return GpuSnapshot.builder().at(Instant.EPOCH).state(SourceState.ok("NVML test"))
                .gpu(GpuReading.builder(0).name("Test GPU").memoryTotalBytes(free * 2).memoryFreeBytes(free).build()).build();
    }

    @Test
    void sweepFillsTheTableRecommendsRecordsEveryPointAndAppliesTheRecommendation() throws Exception {
        SweepModel s = vm.sweep();
        s.quantsProperty().set("F32,Q4_0");
        assertThat(s.parallelsProperty().get()).isEqualTo("1,2,4");
        List<Double> progress = new java.util.ArrayList<>();
        s.progressProperty().addListener((o, a, b) -> progress.add(b.doubleValue()));

        vm.runSweep();

        assertThat(s.rows()).hasSize(6).extracting(SweepRow::quant).containsExactly("F32", "F32", "F32", "Q4_0", "Q4_0", "Q4_0");
        assertThat(progress).last().isEqualTo(1.0);
        assertThat(s.statusProperty().get()).startsWith("Sweep finished: 6 points");
        assertThat(s.rows()).filteredOn(SweepRow::recommended).singleElement()
                .satisfies(r -> assertThat(List.of(r.quant(), r.parallel())).containsExactly("Q4_0", 2));
        assertThat(s.recommendationProperty().get()).startsWith("Recommendation: Q4_0 batch 512 parallel 2");
        assertThat(s.rows().get(2).slo()).isEqualTo("missed");
        assertThat(services.sweptBases).allSatisfy(b -> assertThat(b.ctx()).isEqualTo(512));
        assertThat(services.sweptLoads).allSatisfy(l -> assertThat(l).isEqualTo(new BenchSettings(4, Duration.ofSeconds(2),
                Duration.ofSeconds(10), 32, io.inferdeck.tuning.load.Slo.DEFAULT)));

        List<RunRecord> runs = services.history().list(10);
        assertThat(runs).hasSize(6).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo("sweep");
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETE);
        });
        assertThat(runs.getFirst().label()).isEqualTo("Q4_0 batch 512 parallel 4");

        assertThat(vm.applyRecommended()).isTrue();
        DeploymentProfile applied = engine.applied.getLast();
        assertThat(List.of(applied.quantization(), applied.batch(), applied.parallel(), applied.ctx())).containsExactly("Q4_0", 512, 2, 1024);
    }

    @Test
    void theSweepsSloAndStreamsReachEveryPointAndDecideTheRecommendation() {
        SweepModel s = vm.sweep();
        s.quantsProperty().set("Q4_0");
        s.sloE2eMsProperty().set("700");     // now parallel 4 (P95 600 ms) qualifies and is the fastest
        s.streamsProperty().set("8");
        s.secondsProperty().set("3");
        s.promptsProperty().set(BenchSettings.Prompts.SHORT);

        vm.runSweep();

        assertThat(services.sweptLoads.getFirst()).isEqualTo(new BenchSettings(8, Duration.ofSeconds(2), Duration.ofSeconds(3), 32,
                new io.inferdeck.tuning.load.Slo(Duration.ofMillis(700), Duration.ofMillis(200), 95), BenchSettings.Prompts.SHORT));
        assertThat(services.sweptLoads.getFirst().plan("http://127.0.0.1:1", null).prompts().name()).isEqualTo("built-in-short");
        assertThat(s.recommendationProperty().get()).startsWith("Recommendation: Q4_0 batch 512 parallel 4");

        s.parallelsProperty().set("1,2,3,4,5,6,7");
        s.batchesProperty().set("64,128,256,512,1024,2048,4096");
        vm.runSweep();
        assertThat(s.statusProperty().get()).startsWith("49 points: at most 48 per sweep");

                s.streamsProperty().set("0");
        vm.runSweep();
        assertThat(s.statusProperty().get()).isEqualTo("Streams and SLO targets must be >= 1.");
    }

    @Test
    void historyListsRunsAndComparesTwo() throws Exception {
        vm.sweep().quantsProperty().set("Q4_0");
        vm.sweep().parallelsProperty().set("1,2");
        vm.runSweep();
        HistoryModel h = vm.history();
        h.refresh();
        assertThat(h.runs()).hasSize(2);

        h.aProperty().set(h.runs().get(1));   // parallel 1
        h.bProperty().set(h.runs().get(0));   // parallel 2
        h.compare();

        var c = h.comparisonProperty().get();
        assertThat(c.figures()).filteredOn(r -> r.name().equals("requests_per_s")).singleElement()
                .satisfies(r -> assertThat(List.of(r.a(), r.b(), r.ratio())).containsExactly(3.0, 6.0, 2.0));
        assertThat(c.settings()).anySatisfy(d -> assertThat(List.of(d.path(), d.a(), d.b())).containsExactly("parallel", "1", "2"));

        h.export(dir.resolve("runs.csv"));
        assertThat(Files.readString(dir.resolve("runs.csv"))).startsWith("id,kind,label").contains("Q4_0 batch 512 parallel 2");
    }

    @Test
    void applyAndMeasureBenchesOnceTheNewProfileIsReadyAndRecordsIt() throws Exception {
        vm.form().parallelProperty().set("2");
        vm.applyAndMeasure();
        DeploymentProfile applied = engine.applied.getLast();
        assertThat(vm.measure().statusProperty().get()).startsWith("Waiting for the engine");

        vm.acceptEngine(snapshot(running(), new EngineState.Ready(URI.create("http://127.0.0.1:1/"), 1, Instant.EPOCH)));
        assertThat(services.benchedUrl).as("the old engine is still up: not yet").isNull();
        vm.acceptEngine(snapshot(applied, new EngineState.Starting(1, 2)));
        target.set(EngineEndpoint.of("http://127.0.0.1:18099"));
        vm.acceptEngine(snapshot(applied, new EngineState.Ready(URI.create("http://127.0.0.1:18099/"), 2, Instant.EPOCH)));
        assertThat(services.benchedUrl).as("not before the engine service reports the apply Ready").isNull();
        engine.outcomes.getLast().complete(new Applied(applied, URI.create("http://127.0.0.1:18099/")));

        assertThat(services.benchedUrl).startsWith("http://127.0.0.1:18099");
        assertThat(vm.measure().resultProperty().get()).isSameAs(services.benchResult);
        assertThat(MeasureModel.figures(vm.measure().resultProperty().get())).startsWith("5.00 req/s").contains("e2e P50/P95/P99 100/200/250 ms");
        assertThat(vm.measure().runningProperty().get()).isFalse();
        RunRecord run = services.history().list(1).getFirst();
        assertThat(run.kind()).isEqualTo("bench");
        assertThat(run.label()).isEqualTo("apply & measure: base Q4_0 batch 512 parallel 2");
        assertThat(run.figures().get("requests_per_s")).isEqualTo(5.0);
    }

    @Test
    void applyAndMeasureSaysWhyWhenTheEngineDoesNotStart() {
        vm.applyAndMeasure();
        engine.outcomes.getLast().completeExceptionally(
                new io.inferdeck.services.engine.ApplyFailure("the engine exited with code 1 before it was Ready"));
        assertThat(vm.measure().statusProperty().get()).isEqualTo("The engine did not start: the engine exited with code 1 before it was Ready");
        assertThat(vm.measure().runningProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Not applied: the engine exited with code 1 before it was Ready");
        assertThat(services.benchedUrl).isNull();
    }

    @Test
    void saveWritesTheProfileAndRefreshesTheEnginePicker() {
        vm.form().nameProperty().set("fast-q4");
        vm.save();
        assertThat(dir.resolve("profiles/fast-q4.json")).isNotEmptyFile();
        assertThat(engine.refreshes).isEqualTo(1);
        assertThat(vm.messageProperty().get()).startsWith("Saved profile fast-q4");
    }

    @Test
    void quantizationReportTakesTheHighestPrecisionFileAsReferenceAndShowsItsRows() throws Exception {
        QuantReportModel r = vm.report();
        assertThat(vm.variants()).extracting(Variant::quant).contains("F32", "Q4_0");
        services.report = new io.inferdeck.tuning.quality.QuantReportResult("inferdeck-tiny", q4, "F32", Instant.EPOCH,
                Duration.ofSeconds(9), 120, null, List.of(
                new io.inferdeck.tuning.quality.QuantReportRow("F32", q4, 1_000_000, true, false, 100, 20, 5, 0, 640, 0, 16, 16, ""),
                new io.inferdeck.tuning.quality.QuantReportRow("Q4_0", q4, 200_000, false, false, 400, 10, 5, 0.05, 650, 1.5, 13, 16, "")));
        List<Double> progress = new java.util.ArrayList<>();
        r.progressProperty().addListener((o, a, b) -> progress.add(b.doubleValue()));

        assertThat(r.run(vm.variants())).isTrue();

        assertThat(services.reportedVariants).singleElement().asList()
                .containsExactly(QuantMix.F32, QuantMix.F16, QuantMix.Q8_0, QuantMix.Q6_K, QuantMix.Q5_K_M, QuantMix.Q5_0,
                        QuantMix.Q4_1, QuantMix.Q4_K_M, QuantMix.Q4_0, QuantMix.Q3_K_M, QuantMix.Q2_K);
        assertThat(progress).isNotEmpty().last().isEqualTo(1.0);
        assertThat(r.rows()).extracting(io.inferdeck.tuning.quality.QuantReportRow::variant).containsExactly("F32", "Q4_0");
        assertThat(r.statusProperty().get()).startsWith("Reference F32, 120 sample tokens");
        assertThat(r.runningProperty().get()).isFalse();

        Path csv = dir.resolve("report.csv");
        r.export(csv);
        assertThat(Files.readString(csv)).contains("Q4_0");

        services.report = null;                      // a failing report says why and keeps the last rows
        r.run(vm.variants());
        assertThat(r.statusProperty().get()).isEqualTo("Report failed: no report");
        assertThat(r.rows()).hasSize(2);
    }

    @Test
    void quantizationReportNeedsAFloatReference() {
        List<Variant> onlyQuantized = List.of(new Variant("Q4_0", q4, true), new Variant("F16", dir.resolve("x-f16.gguf"), false));
        assertThat(vm.report().run(onlyQuantized)).isFalse();
        assertThat(vm.report().statusProperty().get()).contains("needs an F32, BF16 or F16 file");
        assertThat(QuantReportModel.below(GgmlType.F16)).containsExactly(QuantMix.F16, QuantMix.Q8_0, QuantMix.Q6_K,
                QuantMix.Q5_K_M, QuantMix.Q5_0, QuantMix.Q4_1, QuantMix.Q4_K_M, QuantMix.Q4_0, QuantMix.Q3_K_M, QuantMix.Q2_K);
    }
}
