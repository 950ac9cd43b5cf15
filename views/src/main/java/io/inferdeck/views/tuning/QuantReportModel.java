package io.inferdeck.views.tuning;

import io.inferdeck.views.fx.PageState;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.services.tuning.ExportFormat;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.services.tuning.Variant;
import io.inferdeck.tuning.quality.QuantReport;
import io.inferdeck.tuning.quality.QuantReportResult;
import io.inferdeck.tuning.quality.QuantReportRow;
import io.inferdeck.tuning.quality.VariantFiles;
import io.inferdeck.tuning.quant.QuantMix;
import io.inferdeck.tuning.quant.Quantizer;
import io.inferdeck.views.fx.BackgroundExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Quantization tab: the report for the profile's model (file size, decode tok/s and TTFT on the engine,
 * mean KL divergence and perplexity against the highest-precision file), run on the tuning worker, shown as
 * rows, exportable as JSON, CSV or Markdown. FX thread, except what it hands to the worker.
 */
public final class QuantReportModel {
    private final TuningService services;
    private final BackgroundExecutor worker;
    private final PageState<TuningState> updates;
    private final ObservableList<QuantReportRow> rows = FXCollections.observableArrayList();
    private final ObservableList<QuantReportRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<QuantReportResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Runs each variant on the engine and compares its "
            + "next-token distributions with the highest-precision file. About five minutes for the embedded model.");
    private TuningState.ReportStatus shown;

    QuantReportModel(TuningService services, BackgroundExecutor worker, PageState<TuningState> updates) {
        this.services = services;
        this.worker = worker;
        this.updates = updates;
    }

    /** The reference (highest-precision existing variant) and the variants to report beside it. */
    static Optional<Path> reference(List<Variant> variants) {
        // only an unquantized file can be the quality reference: the highest-precision one present is used
        return Quantizer.FLOAT_SOURCES.stream().flatMap(t -> variants.stream().filter(v -> v.exists() && v.quant().equals(t.name())))
                .map(Variant::path).findFirst();
    }

    static List<QuantMix> below(GgmlType reference) {
        return VariantFiles.reportedBelow(reference);
    }

    /** Starts the report for the model whose variants are given; false (with a reason in the status) if it cannot. */
    public boolean run(List<Variant> variants) {
        if (running.get()) {
            return false;
        }
        Optional<Path> source = reference(variants);
        if (source.isEmpty()) {
            status.set("The report needs an F32, BF16 or F16 file beside the model as its reference: create F16 on the Profile tab.");
            return false;
        }
        GgmlType refType = GgmlType.byName(variants.stream().filter(v -> v.path().equals(source.get())).findFirst()
                .orElseThrow().quant()).orElseThrow();
        List<QuantMix> types = below(refType);
        running.set(true);
        updates.update(s -> s.withReport(new TuningState.ReportStatus(true, "starting", 0, null, null)));
        worker.execute(() -> {
            try {
                QuantReportResult r = services.quantReport(source.get(), types, QuantReport.Settings.defaults(),
                        step -> updates.update(s -> s.withReport(new TuningState.ReportStatus(true,
                                step.stage().name().toLowerCase(Locale.ROOT) + " " + step.variant(),
                                overall(types, step.variant(), step.fraction()), null, null))));
                updates.update(s -> s.withReport(new TuningState.ReportStatus(false, "done", 1, r, null)));
            } catch (Exception e) {
                updates.update(s -> s.withReport(new TuningState.ReportStatus(false, "failed", 0, null, String.valueOf(e.getMessage()))));
            }
        });
        return true;
    }

    /** Progress across variants: each variant is an equal share. */
    static double overall(List<QuantMix> types, String variant, double fraction) {
        int i = types.stream().map(QuantMix::name).toList().indexOf(variant);
        return i < 0 ? 0 : (i + Math.max(0, Math.min(1, fraction))) / types.size();
    }

    /** Writes the shown report as JSON, CSV or Markdown (by the file's extension), atomically, on the worker. */
    public void export(Path file) {
        QuantReportResult r = result.get();
        if (r == null) {
            return;
        }
        worker.execute(() -> {
            try {
                services.exportReport(r, file, ExportFormat.of(file, ExportFormat.JSON));
                updates.update(TuningState.message("Saved the quantization report to " + file));
            } catch (Exception e) {
                updates.update(TuningState.message("Could not save " + file + ": " + e.getMessage()));
            }
        });
    }

    /** FX thread: the newest report status from the worker. */
    void show(TuningState.ReportStatus s) {
        if (s == null || s == shown) {
            return;
        }
        shown = s;
        running.set(s.running());
        progress.set(s.fraction());
        if (s.result() != null) {
            result.set(s.result());
            rows.setAll(s.result().rows());
            status.set("Reference " + s.result().referenceVariant() + ", " + s.result().sampleTokens() + " sample tokens, "
                    + s.result().duration().toSeconds() + " s" + (s.result().qualityNote() == null ? "" : " — " + s.result().qualityNote()));
        } else if (s.error() != null) {
            status.set("Report failed: " + s.error());
        } else {
            status.set("Working: " + s.stage());
        }
    }

    public ObservableList<QuantReportRow> rows() { return rowsView; }
    public ReadOnlyObjectProperty<QuantReportResult> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
}
