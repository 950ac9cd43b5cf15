package io.inferdeck.views.tuning;

import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.services.models.CatalogScan;
import io.inferdeck.services.tuning.Variant;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.history.RunComparison;
import io.inferdeck.tuning.history.RunRecord;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything the tuning worker has found out, as one immutable value: the page's single dispatcher channel
 * carries the newest one, so coalescing never loses a part (each publish is the cumulative state, see
 * the page's {@link PageState}). Sub-states are null until their first result.
 */
public record TuningState(Models models, SweepStatus sweep, QuantizeStatus quantize, MeasureStatus measure,
                          List<RunRecord> history, RunComparison comparison, String message, ReportStatus report,
                          EngineSnapshot engine, GpuSnapshot gpus, CatalogScan catalog) {

    public static final TuningState EMPTY = new TuningState(null, null, null, null, List.of(), null, "", null, null, null, null);

    public TuningState {
        history = List.copyOf(history);
    }

    /** The profile's model, its variants, and the shapes of those on disk (by quant). */
    public record Models(Path model, List<Variant> variants, Map<String, ModelShape> shapes, String error) {
        public Models {
            variants = List.copyOf(variants);
            shapes = Map.copyOf(shapes);
        }
    }

    /** A sweep: {@code done} outcomes of {@code total} points, the one being measured, and the answer once finished. */
    public record SweepStatus(boolean running, int total, List<SweepOutcome> done, SweepPoint current,
                              Recommendation recommendation, String error) {
        public SweepStatus {
            done = List.copyOf(done);
        }
    }

    /** A variant being written: source bytes done of total; {@code message} once finished or failed. */
    public record QuantizeStatus(String quant, boolean running, long done, long total, String message) {
        public double fraction() {
            return total <= 0 ? (running ? 0 : 1) : (double) done / total;
        }
    }

    /** "Apply & measure": the bench preset's progress and result against the applied engine. */
    public record MeasureStatus(boolean running, BenchProgress progress, BenchResult result, String message) {
    }

    /** The quantization report: the stage it is in, or its result, or why it failed. */
    public record ReportStatus(boolean running, String stage, double fraction, QuantReportResult result, String error) {
    }

    public TuningState withReport(ReportStatus r) {
        return new TuningState(models, sweep, quantize, measure, history, comparison, message, r, engine, gpus, catalog);
    }

    public TuningState withModels(Models m) {
        return new TuningState(m, sweep, quantize, measure, history, comparison, message, report, engine, gpus, catalog);
    }

    public TuningState withSweep(SweepStatus s) {
        return new TuningState(models, s, quantize, measure, history, comparison, message, report, engine, gpus, catalog);
    }

    public TuningState withQuantize(QuantizeStatus q) {
        return new TuningState(models, sweep, q, measure, history, comparison, message, report, engine, gpus, catalog);
    }

    public TuningState withMeasure(MeasureStatus m) {
        return new TuningState(models, sweep, quantize, m, history, comparison, message, report, engine, gpus, catalog);
    }

    public TuningState withHistory(List<RunRecord> h) {
        return new TuningState(models, sweep, quantize, measure, h, comparison, message, report, engine, gpus, catalog);
    }

    public TuningState withComparison(RunComparison c) {
        return new TuningState(models, sweep, quantize, measure, history, c, message, report, engine, gpus, catalog);
    }

    /** The engine as it runs now (from the live-state bus); null before its first snapshot. */
    public TuningState withEngine(EngineSnapshot e) {
        return new TuningState(models, sweep, quantize, measure, history, comparison, message, report, e, gpus, catalog);
    }

    /** The newest GPU sample (NVML free memory for the fit estimate); null before the first. */
    public TuningState withGpus(GpuSnapshot g) {
        return new TuningState(models, sweep, quantize, measure, history, comparison, message, report, engine, g, catalog);
    }

    /** The newest scan of the model stores (the editor's model picker lists its models); null before the first. */
    public TuningState withCatalog(CatalogScan c) {
        return new TuningState(models, sweep, quantize, measure, history, comparison, message, report, engine, gpus, c);
    }

    /** The change that sets the page's one-line message (what workers report besides their own parts). */
    public static UnaryOperator<TuningState> message(String m) {
        return s -> s.withMessage(m);
    }

    public TuningState withMessage(String m) {
        return new TuningState(models, sweep, quantize, measure, history, comparison, m, report, engine, gpus, catalog);
    }
}
