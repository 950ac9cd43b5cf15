package io.inferdeck.views.tuning;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.history.RunHistory;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LatencySummary;
import io.inferdeck.tuning.load.Slo;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.QuantizeResult;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.EngineControl;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.BiFunction;

/** Test doubles: real files, quantizer and history through {@link TuningBackend}; sweeps and benches return given records. */
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

    static final class FakeServices implements TuningServices {
        final TuningBackend real;
        final BiFunction<SweepPoint, BenchSettings, SweepOutcome> sweepFigures;
        final List<DeploymentProfile> sweptBases = new ArrayList<>();
        final List<BenchSettings> sweptLoads = new ArrayList<>();
        BenchResult benchResult = result(5, 200, 250);
        String benchedUrl;

        FakeServices(Path dir, BiFunction<SweepPoint, BenchSettings, SweepOutcome> sweepFigures) {
            real = new TuningBackend(new ModelLibrary(dir.resolve("models")), new ProfileLibrary(dir.resolve("profiles")),
                    dir.resolve("history.db"), LaunchContext.forThisJvm(), dir.resolve("sweeps"), null, Clock.systemUTC());
            this.sweepFigures = sweepFigures;
        }

        @Override public Path modelOf(DeploymentProfile p) { return real.modelOf(p); }
        @Override public List<Variant> variants(Path model) throws IOException { return real.variants(model); }
        @Override public ModelShape shape(Path model) throws IOException { return real.shape(model); }
        @Override public QuantizeResult create(Variant v, QuantizeProgress p) throws IOException { return real.create(v, p); }
        @Override public Path saveProfile(DeploymentProfile p) throws IOException, ProfileException { return real.saveProfile(p); }
        @Override public RunHistory history() throws SQLException { return real.history(); }

        /** The report the fake returns, or null to fail with "no report". Progress: one step per variant. */
        io.inferdeck.tuning.quality.QuantReportResult report;
        final List<List<io.inferdeck.gguf.GgmlType>> reportedVariants = new ArrayList<>();

        @Override
        public io.inferdeck.tuning.quality.QuantReportResult quantReport(Path source, List<io.inferdeck.gguf.GgmlType> variants,
                Consumer<io.inferdeck.tuning.quality.QuantReport.Step> progress) throws Exception {
            reportedVariants.add(variants);
            for (int i = 0; i < variants.size(); i++) {
                progress.accept(new io.inferdeck.tuning.quality.QuantReport.Step(
                        io.inferdeck.tuning.quality.QuantReport.Stage.values()[0], variants.get(i).name(), (i + 1.0) / variants.size()));
            }
            if (report == null) {
                throw new IOException("no report");
            }
            return report;
        }

        @Override
        public List<SweepOutcome> sweep(DeploymentProfile base, Map<String, Path> models, List<SweepPoint> points,
                                        BenchSettings load, Consumer<SweepOutcome> progress) {
            sweptBases.add(base);
            sweptLoads.add(load);
            List<SweepOutcome> out = points.stream().map(p -> sweepFigures.apply(p, load)).toList();
            out.forEach(progress);
            return out;
        }

        @Override
        public BenchResult bench(String url, String apiKey, BenchSettings load, Consumer<BenchProgress> progress) {
            benchedUrl = url;
            return benchResult;
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
