package io.inferdeck.services.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.QuantizeResult;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.SweepOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Tuning as the Tuning page and the CLI ({@code bench}, {@code sweep}, {@code quantize}, {@code quant-report},
 * {@code history}) both use it: each rule (variant discovery and naming, history rows, work folders) lives
 * behind it once. Every method blocks (files, engine processes, HTTP): call them on a worker, never on the FX
 * thread. {@link TuningBackend} is the implementation; close it to close the history database.
 */
public interface TuningService extends AutoCloseable {

    /** The model file a profile runs: its own, or the embedded default for a builtin profile without one. */
    Path modelOf(DeploymentProfile profile);

    /** Existing variants beside the model, then those the quantizer could create, in {@code GgmlType} order. */
    List<Variant> variants(Path model) throws IOException;

    /** The shapes of the variants that exist, by quant: the memory-fit estimate's inputs. */
    Map<String, ModelShape> shapes(List<Variant> variants) throws IOException;

    /** Writes {@code variant} atomically from the best float source beside it. */
    QuantizeResult create(Variant variant, QuantizeProgress progress) throws IOException;

    /** Writes {@code out} as the {@code mix} variant of {@code in} (atomically); {@code pure} turns off llama.cpp's per-tensor rules. */
    QuantizeResult quantize(Path in, Path out, QuantMix mix, boolean pure, QuantizeProgress progress) throws IOException, GgufFormatException;

    /** Saves into the profiles folder (atomically); returns the file. */
    Path saveProfile(DeploymentProfile profile) throws IOException, ProfileException;

    /** Runs {@code run}'s plan, recorded in the history (row first, so a crash leaves it partial) unless it says not. */
    BenchResult bench(BenchRun run, Consumer<BenchProgress> progress, Consumer<HistoryProblem> problems);

    /** Model files by quant for a sweep of {@code base}: the embedded model's (generated when missing), else those beside its model. */
    Map<String, Path> sweepModels(DeploymentProfile base, List<String> quants) throws IOException;

    /** Measures every point on a fresh engine each until {@code stop} says so; {@code progress} gets each outcome as it lands. */
    SweepResult sweep(SweepRequest request, Consumer<SweepOutcome> progress, BooleanSupplier stop,
                      Consumer<HistoryProblem> problems) throws IOException;

    /** The stock-vs-tuned goodput comparison after a sweep, on the same models and load ({@link GainComparison}). */
    GainComparison.Result gain(SweepRequest request, Recommendation recommendation, String baselineQuant, int rounds,
                               GainComparison.Listener listener) throws IOException;

    /** The embedded model's highest-precision file, generated when missing ({@code wroteInto} hears the folder then). */
    Path defaultReportSource(Consumer<Path> wroteInto) throws IOException;

    /**
     * The quantization report of {@code source} (the highest-precision file) against {@code variants}: missing
     * variants are written first, each is started on the engine for speed, and compared with the source.
     */
    QuantReportResult quantReport(Path source, List<QuantMix> variants, QuantReport.Settings settings,
                                  Consumer<QuantReport.Step> progress) throws IOException, GgufFormatException, InterruptedException;

    /** Writes the report atomically as JSON, CSV or Markdown. */
    void exportReport(QuantReportResult report, Path file, ExportFormat format) throws IOException;

    /** The run history (list, show, compare, export). */
    RunLog history();

    @Override
    void close();
}
