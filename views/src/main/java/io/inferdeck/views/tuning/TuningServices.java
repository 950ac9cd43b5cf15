package io.inferdeck.views.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileException;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.tuning.history.RunHistory;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.quant.QuantizeProgress;
import io.inferdeck.tuning.quant.QuantizeResult;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the Tuning view-model asks of the tuning and control services. Every method blocks (files, engine
 * processes, HTTP): call them on the tuning worker, never on the FX thread. {@link TuningBackend} is the
 * real implementation; tests may substitute sweeps and benches that return given records.
 */
public interface TuningServices {

    /** The model file a profile runs: its own, or the embedded default for a builtin profile without one. */
    Path modelOf(DeploymentProfile profile);

    /** Existing variants beside the model, then those the quantizer could create, in {@code GgmlType} order. */
    List<Variant> variants(Path model) throws IOException;

    ModelShape shape(Path model) throws IOException;

    /** Writes {@code variant} atomically from the best float source beside it. */
    QuantizeResult create(Variant variant, QuantizeProgress progress) throws IOException;

    /** Measures every point on a fresh engine each; {@code progress} gets each outcome as it lands. */
    List<SweepOutcome> sweep(DeploymentProfile base, Map<String, Path> modelsByQuant, List<SweepPoint> points,
                             BenchSettings load, Consumer<SweepOutcome> progress);

    BenchResult bench(String url, String apiKey, BenchSettings load, Consumer<BenchProgress> progress);

    Path saveProfile(DeploymentProfile profile) throws IOException, ProfileException;

    /**
     * The quantization report of {@code source} (the highest-precision file) against {@code variants}: missing
     * variants are written first, each is started on the engine for speed, and compared with the source.
     */
    QuantReportResult quantReport(Path source, List<GgmlType> variants, Consumer<QuantReport.Step> progress) throws Exception;

    /** The run history database (opened once, shared; thread-safe). */
    RunHistory history() throws SQLException;
}
