package io.inferdeck.views.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.services.tuning.BenchRun;
import io.inferdeck.services.tuning.BenchSettings;
import io.inferdeck.services.tuning.Engines;
import io.inferdeck.services.tuning.ExportFormat;
import io.inferdeck.services.tuning.GainComparison;
import io.inferdeck.services.tuning.HistoryProblem;
import io.inferdeck.services.tuning.RunLog;
import io.inferdeck.services.tuning.SweepRequest;
import io.inferdeck.services.tuning.SweepResult;
import io.inferdeck.services.tuning.TuningBackend;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.services.tuning.Variant;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LatencySummary;
import io.inferdeck.tuning.load.Slo;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.QuantizeResult;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.EngineControl;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Test doubles: real files, quantizer and history through {@link TuningBackend}; engines return given records. */
final class TuningFixtures {
    private TuningFixtures() {
    }

    /** A consistent bench result: 10 OK requests with the given throughput and e2e P95/P99, judged against {@link Slo#DEFAULT}. */
    static BenchResult result(double rps, double p95, double p99) {
        return result(rps, p95, p99, Slo.DEFAULT);
    }

    /** The same judged against {@code slo} (TTFT P95 is 10 ms). */
    static BenchResult result(double rps, double p95, double p99, Slo slo) {
        long ok = 10;
        LatencySummary e2e = new LatencySummary(ok, p95 / 4, p95 / 2, p95 / 2, p95 * 0.9, p95, p99, p99);
        LatencySummary ttft = new LatencySummary(ok, 5, 8, 8, 9, 10, 12, 12);
        boolean met = p95 <= slo.e2e().toMillis() && 10 <= slo.ttft().toMillis();
        return new BenchResult("http://127.0.0.1:1/v1/chat/completions", "m", "closed loop, 4 streams", Instant.EPOCH, 10, 2,
                ok, ok, 0, 0, Map.of(), 320, 100, rps, rps * 32, slo, met ? ok : 0, met ? rps : 0, p95, 10, met,
                ttft, LatencySummary.EMPTY, e2e, LatencySummary.EMPTY, false, List.of(), ok);
    }

    /**
     * The real {@link TuningBackend} (variant files, quantizer, history rows) with engines that return given
     * figures; records what the page asked for.
     */
    static final class FakeServices implements TuningService {
        final TuningBackend real;
        final BiFunction<SweepPoint, BenchPlan, SweepOutcome> sweepFigures;
        final List<DeploymentProfile> sweptBases = new ArrayList<>();
        final List<BenchSettings> sweptLoads = new ArrayList<>();
        BenchResult benchResult = result(5, 200, 250);
        String benchedUrl;
        /** The report the fake returns, or null to fail with "no report". Progress: one step per variant. */
        QuantReportResult report;
        final List<List<QuantMix>> reportedVariants = new ArrayList<>();

        FakeServices(Path dir, BiFunction<SweepPoint, BenchPlan, SweepOutcome> sweepFigures) {
            real = new TuningBackend(new ModelLibrary(dir.resolve("models")), new ProfileLibrary(dir.resolve("profiles")),
                    new RunLog(dir.resolve("history.db"), Clock.systemUTC()), dir.resolve("sweeps"), new GivenFigures());
            this.sweepFigures = sweepFigures;
        }

        /** Engines that answer with the fixture's figures. */
        private final class GivenFigures implements Engines {
            @Override
            public BenchResult bench(BenchPlan plan, Consumer<BenchProgress> progress) {
                benchedUrl = plan.endpoint().toString();
                return benchResult;
            }

            @Override
            public Sweep.Measurer sweepPoints(Path work) {
                return (point, profile, plan) -> sweepFigures.apply(point, plan.apply("http://127.0.0.1:1"));
            }

            @Override
            public QuantReportResult quantReport(Path source, List<QuantMix> variants, QuantReport.Settings settings, Path work,
                                                 Consumer<QuantReport.Step> progress) throws IOException {
                reportedVariants.add(variants);
                for (int i = 0; i < variants.size(); i++) {
                    progress.accept(new QuantReport.Step(QuantReport.Stage.values()[0], variants.get(i).name(), (i + 1.0) / variants.size()));
                }
                if (report == null) {
                    throw new IOException("no report");
                }
                return report;
            }
        }

        @Override
        public SweepResult sweep(SweepRequest request, Consumer<SweepOutcome> progress, BooleanSupplier stop,
                                 Consumer<HistoryProblem> problems) throws IOException {
            sweptBases.add(request.base());
            sweptLoads.add(request.load());
            return real.sweep(request, progress, stop, problems);
        }

        @Override public Path modelOf(DeploymentProfile p) { return real.modelOf(p); }
        @Override public List<Variant> variants(Path model) throws IOException { return real.variants(model); }
        @Override public Map<String, ModelShape> shapes(List<Variant> list) throws IOException { return real.shapes(list); }
        @Override public QuantizeResult create(Variant v, QuantizeProgress p) throws IOException { return real.create(v, p); }
        @Override public Path saveProfile(DeploymentProfile p) throws IOException, ProfileException { return real.saveProfile(p); }
        @Override public RunLog history() { return real.history(); }
        @Override public void close() { real.close(); }

        @Override
        public QuantizeResult quantize(Path in, Path out, QuantMix mix, boolean pure, QuantizeProgress p) throws IOException, GgufFormatException {
            return real.quantize(in, out, mix, pure, p);
        }

        @Override
        public BenchResult bench(BenchRun run, Consumer<BenchProgress> progress, Consumer<HistoryProblem> problems) {
            return real.bench(run, progress, problems);
        }

        @Override
        public Map<String, Path> sweepModels(DeploymentProfile base, List<String> quants) throws IOException {
            return real.sweepModels(base, quants);
        }

        @Override
        public GainComparison.Result gain(SweepRequest request, Recommendation rec, String baselineQuant, int rounds,
                                          GainComparison.Listener listener) throws IOException {
            return real.gain(request, rec, baselineQuant, rounds, listener);
        }

        @Override
        public Path defaultReportSource(Consumer<Path> wroteInto) throws IOException {
            return real.defaultReportSource(wroteInto);
        }

        @Override
        public QuantReportResult quantReport(Path source, List<QuantMix> variants, QuantReport.Settings settings,
                                             Consumer<QuantReport.Step> progress) throws IOException, GgufFormatException, InterruptedException {
            return real.quantReport(source, variants, settings, progress);
        }

        @Override
        public void exportReport(QuantReportResult r, Path file, ExportFormat format) throws IOException {
            real.exportReport(r, file, format);
        }
    }

    /** Records what the view-model asked the engine to do; each apply's outcome is the test's to complete. */
    static final class RecordingEngine implements EngineControl {
        final List<DeploymentProfile> applied = new ArrayList<>();
        final List<java.util.concurrent.CompletableFuture<Applied>> outcomes = new ArrayList<>();
        int refreshes;

        @Override public java.util.concurrent.CompletionStage<Applied> start() { return new java.util.concurrent.CompletableFuture<>(); }
        @Override public java.util.concurrent.CompletionStage<Void> stop() { return new java.util.concurrent.CompletableFuture<>(); }
        @Override public java.util.concurrent.CompletionStage<Applied> restart() { return new java.util.concurrent.CompletableFuture<>(); }
        @Override public java.util.concurrent.CompletionStage<Applied> apply(DeploymentProfile profile) {
            applied.add(profile);
            outcomes.add(new java.util.concurrent.CompletableFuture<>());
            return outcomes.getLast();
        }
        @Override public void refreshProfiles() { refreshes++; }
    }
}
