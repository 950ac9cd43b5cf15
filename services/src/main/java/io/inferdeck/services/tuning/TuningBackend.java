package io.inferdeck.services.tuning;

import io.inferdeck.control.gateway.GatewayExtensions;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.control.profile.ProfileLibrary;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportExport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.QuantizeResult;
import io.inferdeck.tuning.quant.Quantizer;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.SweepOutcome;
import java.io.IOException;
import java.nio.file.Files;
import io.inferdeck.tuning.sweep.GpuEnergyProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link TuningService}: the models folder ({@link VariantCatalog}), saved profiles, the run history
 * ({@link RunLog}), sweeps ({@link Sweeps}) and reports in folders under {@code workDir}, and engines started
 * through {@link Engines}. Owns no thread: engines are supervised on the caller's {@code supervisor}.
 * Thread-safe: stateless apart from the history, which is; blocking throughout.
 */
public final class TuningBackend implements TuningService {
    private final VariantCatalog variants;
    private final ProfileLibrary profiles;
    private final RunLog history;
    private final Path workDir;
    private final Engines engines;
    private final Sweeps sweeps;

    public TuningBackend(ModelLibrary models, ProfileLibrary profiles, Path historyDb, LaunchContext launch, Path workDir,
                         ScheduledExecutorService supervisor, Clock clock) {
        this(models, profiles, historyDb, launch, workDir, supervisor, clock, p -> GatewayExtensions.NONE);
    }

    /** @param gatewayParts what a sweep point's gateway gets from outside control (key store, live safety), as every deployment does */
    public TuningBackend(ModelLibrary models, ProfileLibrary profiles, Path historyDb, LaunchContext launch, Path workDir,
                         ScheduledExecutorService supervisor, Clock clock, Function<DeploymentProfile, GatewayExtensions> gatewayParts) {
        this(models, profiles, historyDb, launch, workDir, supervisor, clock, gatewayParts, GpuEnergyProbe.NONE);
    }

    /** @param energy the GPUs' energy counters around each sweep point (the sweep table's tokens per joule) */
    public TuningBackend(ModelLibrary models, ProfileLibrary profiles, Path historyDb, LaunchContext launch, Path workDir,
                         ScheduledExecutorService supervisor, Clock clock, Function<DeploymentProfile, GatewayExtensions> gatewayParts,
                         GpuEnergyProbe energy) {
        this(models, profiles, new RunLog(historyDb, clock), workDir, new LiveEngines(launch, supervisor, clock, gatewayParts, energy));
    }

    /** With the given {@code engines} (tests: given figures instead of engine processes). */
    public TuningBackend(ModelLibrary models, ProfileLibrary profiles, RunLog history, Path workDir, Engines engines) {
        this.variants = new VariantCatalog(models);
        this.profiles = profiles;
        this.history = history;
        this.workDir = workDir;
        this.engines = engines;
        this.sweeps = new Sweeps(history, engines, workDir);
    }

    @Override public Path modelOf(DeploymentProfile p) { return variants.modelOf(p); }
    @Override public List<Variant> variants(Path model) throws IOException { return variants.variants(model); }
    @Override public Map<String, ModelShape> shapes(List<Variant> list) throws IOException { return variants.shapes(list); }
    @Override public QuantizeResult create(Variant v, QuantizeProgress progress) throws IOException { return variants.create(v, progress); }
    @Override public Path saveProfile(DeploymentProfile profile) throws IOException, ProfileException { return profiles.save(profile); }
    @Override public RunLog history() { return history; }

    @Override
    public QuantizeResult quantize(Path in, Path out, QuantMix mix, boolean pure, QuantizeProgress progress) throws IOException, GgufFormatException {
        return Quantizer.quantize(in, out, mix, pure, progress);
    }

    @Override
    public Map<String, Path> sweepModels(DeploymentProfile base, List<String> quants) throws IOException {
        return variants.forSweep(base, quants);
    }

    @Override
    public Path defaultReportSource(Consumer<Path> wroteInto) throws IOException {
        return variants.embeddedReference(wroteInto);
    }

    /** The one bench path: row (running) → run → complete, or partial when stopped early or failed (see RunLog#finish). */
    @Override
    public BenchResult bench(BenchRun run, Consumer<BenchProgress> progress, Consumer<HistoryProblem> problems) {
        long id = run.recorded() ? history.start(run, problems) : -1;
        BenchResult r;
        try {
            r = engines.bench(run.plan(), progress);
        } catch (RuntimeException e) {
            history.abandon(id, RunLog.failedNote(e.getMessage() != null ? e.getMessage() : e.toString()), problems);
            throw e;
        }
        history.finish(id, r, problems);
        return r;
    }

    @Override
    public SweepResult sweep(SweepRequest request, Consumer<SweepOutcome> progress, BooleanSupplier stop,
                             Consumer<HistoryProblem> problems) throws IOException {
        return sweeps.run(request, progress, stop, problems);
    }

    @Override
    public GainComparison.Result gain(SweepRequest request, Recommendation recommendation, String baselineQuant, int rounds,
                                      GainComparison.Listener listener) throws IOException {
        return sweeps.gain(request, recommendation, baselineQuant, rounds, listener);
    }

    @Override
    public QuantReportResult quantReport(Path source, List<QuantMix> types, QuantReport.Settings settings,
                                         Consumer<QuantReport.Step> progress) throws IOException, GgufFormatException, InterruptedException {
        Files.createDirectories(workDir);
        return engines.quantReport(source, types, settings, Files.createTempDirectory(workDir, "quant-report-"), progress);
    }

    @Override
    public void exportReport(QuantReportResult report, Path file, ExportFormat format) throws IOException {
        QuantReportExport.write(file, switch (format) {
            case CSV -> QuantReportExport.csv(report);
            case MARKDOWN -> QuantReportExport.markdown(report);
            case JSON -> QuantReportExport.json(report);
        });
    }

    @Override
    public void close() {
        history.close();
    }
}
