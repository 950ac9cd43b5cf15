package io.inferdeck.views.tuning;

import io.inferdeck.views.fx.PageState;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileDiff;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.services.tuning.Variant;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.services.engine.Applied;
import io.inferdeck.services.engine.ApplyFailure;
import io.inferdeck.services.engine.EngineControl;
import io.inferdeck.services.engine.EngineSnapshot;
import io.inferdeck.views.fx.BackgroundExecutor;
import io.inferdeck.views.fx.FxDispatcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Tuning page: a profile editor ({@link ProfileForm}) with the memory-fit estimate ({@link MemoryFitModel}),
 * quantization variants created on demand, Apply (+ measure, {@link MeasureModel}), Save, sweeps
 * ({@link SweepModel}) and the run history ({@link HistoryModel}).
 *
 * <p>Threads: public methods and properties are FX-thread only. Blocking work runs on the tuning worker
 * ({@link BackgroundExecutor}); its results come back through ONE dispatcher channel ("tuning") carrying the
 * cumulative {@link TuningState}. Engine and GPU snapshots arrive on the FX thread from the composition root.
 */
public final class TuningViewModel {
    private final TuningService services;
    private final BackgroundExecutor worker;
    private final EngineControl engine;
    private final PageState<TuningState> updates;
    private final ProfileForm form;
    private final MemoryFitModel fit = new MemoryFitModel();
    private final SweepModel sweep;
    private final MeasureModel measure;
    private final HistoryModel history;
    private final QuantReportModel report;
    private final ObservableList<Variant> variants = FXCollections.observableArrayList();
    private final ObservableList<Variant> variantsView = FXCollections.unmodifiableObservableList(variants);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper creatable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper quantizing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper quantizeProgress = new ReadOnlyDoubleWrapper();
    private final ModelChoices modelChoices = new ModelChoices();
    private TuningState.Models models;
    private Path requested;   // the model whose variants were asked for last
    private TuningState shown = TuningState.EMPTY;
    private DeploymentProfile running;

    public TuningViewModel(TuningService services, BackgroundExecutor worker, FxDispatcher dispatcher, EngineControl engine,
                           EngineTarget target) {
        this.services = services;
        this.worker = worker;
        this.engine = engine;
        this.form = new ProfileForm(engine.profileRules());   // the same checks Apply makes
        this.updates = PageState.latest(dispatcher, "tuning", TuningState.EMPTY, this::show);
        sweep = new SweepModel(services, worker, updates);
        measure = new MeasureModel(services, worker, updates, target);
        history = new HistoryModel(services, worker, updates);
        report = new QuantReportModel(services, worker, updates);
        form.profileProperty().addListener((o, a, b) -> refreshFit());
        form.variantProperty().addListener((o, a, b) -> {
            creatable.set(b != null && !b.exists());
            if (b != null && !b.path().toString().equals(form.modelProperty().get())) {
                form.modelProperty().set(b.path().toString());   // the model field names the file the profile runs
            }
            refreshFit();
        });
    }

    /** Reads the variants of the form's model and the run history; call once when the page is built. */
    public void refresh() {
        loadModels(services.modelOf(form.base()));
        history.refresh();
    }

    private void loadModels(Path model) {
        requested = model;
        worker.execute(() -> {
            try {
                List<Variant> list = services.variants(model);
                Map<String, ModelShape> shapes = services.shapes(list);
                updates.update(s -> s.withModels(new TuningState.Models(model, list, shapes, null)));
            } catch (Exception e) {
                updates.update(s -> s.withModels(new TuningState.Models(model, List.of(), Map.of(), e.getMessage())));
            }
        });
    }

    /** Any thread: each engine snapshot (the composition root connects the engine topic here). The first running profile fills the editor. */
    public void acceptEngine(EngineSnapshot s) {
        updates.update(st -> st.withEngine(s));
    }

    /** Any thread: each scan of the model stores, for the editor's model picker. */
    public void acceptModels(io.inferdeck.services.models.CatalogScan s) {
        updates.update(st -> st.withCatalog(s));
    }

    /**
     * FX thread: the operator chose a model (picker, Browse…, typed path; blank: the embedded default). A variant's
     * own file just selects that variant; another file's variants are read.
     */
    public void chooseModel(String text) {
        String t = text == null ? "" : text.strip();
        Path model;
        try {
            model = t.isEmpty() ? services.modelOf(form.base().toBuilder().model(null).build()) : Path.of(t);
        } catch (java.nio.file.InvalidPathException e) {
            message.set("Not a file path: " + t);
            return;
        }
        var same = variants.stream().filter(v -> v.path().equals(model)).findFirst();
        if (same.isPresent()) {
            if (form.variantProperty().get() != same.get()) {
                form.variantProperty().set(same.get());
            }
        } else if (!model.equals(requested)) {
            form.variantProperty().set(null);
            loadModels(model);
        }
    }

    /** Any thread: each GPU snapshot (NVML free memory for the fit estimate). */
    public void acceptGpu(GpuSnapshot s) {
        updates.update(st -> st.withGpus(s));
    }

    /** FX thread: the engine part of the page's state changed. */
    private void showEngine(EngineSnapshot s) {
        if (s.profile() != null && running == null) {
            form.load(s.profile(), s.onSessionPort(s.profile()));
            loadModels(services.modelOf(s.profile()));
        }
        if (s.profile() != null) {
            running = s.profile();
        }
    }


    /** FX thread (dispatcher drain). */
    private void show(TuningState s) {
        if (s.engine() != shown.engine() && s.engine() != null) showEngine(s.engine());
        if (s.gpus() != shown.gpus() && s.gpus() != null) fit.gpus(s.gpus());
        if (s.models() != shown.models() && s.models() != null) showModels(s.models());
        if (s.catalog() != shown.catalog() && s.catalog() != null) modelChoices.show(s.catalog());
        if (s.quantize() != shown.quantize() && s.quantize() != null) {
            quantizing.set(s.quantize().running());
            quantizeProgress.set(s.quantize().fraction());
        }
        sweep.show(s.sweep());
        measure.show(s.measure());
        report.show(s.report());
        if (s.history() != shown.history() || s.comparison() != shown.comparison()) history.show(s.history(), s.comparison());
        if (!Objects.equals(s.message(), shown.message())) message.set(s.message());
        if (s.quantize() != shown.quantize() && s.quantize() != null && s.quantize().message() != null) message.set(s.quantize().message());
        shown = s;
    }

    private void showModels(TuningState.Models m) {
        if (!m.model().equals(requested)) {
            return;   // an older request's answer: the operator has chosen another model since
        }
        models = m;
        Variant keep = form.variantProperty().get();
        variants.setAll(m.variants());
        String wanted = keep != null ? keep.quant() : form.base().quantization();
        // the same file as before (a refresh after Create), else the chosen model's own file, else the same quant
        Variant pick = m.variants().stream().filter(v -> keep != null && v.path().equals(keep.path())).findFirst()
                .or(() -> m.variants().stream().filter(v -> v.path().equals(m.model())).findFirst())
                .or(() -> m.variants().stream().filter(v -> v.quant().equals(wanted)).findFirst())
                .orElse(m.variants().isEmpty() ? null : m.variants().getFirst());
        form.variantProperty().set(pick);
        m.shapes().values().stream().findFirst().ifPresent(sh -> form.trainedContext(
                sh.trainedContext() > 0 ? OptionalInt.of((int) sh.trainedContext()) : OptionalInt.empty()));
        sweep.defaultQuants(m.variants());
        if (m.error() != null) message.set("Could not read the model's variants: " + m.error());
        refreshFit();
    }

    private void refreshFit() {
        Variant v = form.variantProperty().get();
        if (models == null || v == null) {
            fit.inputs(form.profileProperty().get(), null, null);
            return;
        }
        ModelShape shape = models.shapes().get(v.quant());
        String note = null;
        if (shape == null && !models.shapes().isEmpty()) {
            var from = models.shapes().entrySet().iterator().next();
            shape = Shapes.scaled(from.getValue(), GgmlType.byName(from.getKey()).orElseThrow(), GgmlType.byName(v.quant()).orElseThrow());
            note = v.quant() + " does not exist yet: weights estimated from the " + from.getKey() + " file's shape";
        }
        fit.inputs(form.profileProperty().get(), shape, note);
    }

    /** Restarts the engine with the edited profile and shows what changed. */
    public boolean apply() {
        return applyEdited().isPresent();
    }

    /** The Apply's outcome, empty when the form cannot be applied (the message says why). */
    private java.util.Optional<java.util.concurrent.CompletionStage<Applied>> applyEdited() {
        DeploymentProfile p = form.profileProperty().get();
        if (p == null) {
            message.set("Fix the marked fields first.");
            return java.util.Optional.empty();
        }
        Variant v = form.variantProperty().get();
        if (v != null && !v.exists()) {
            message.set(v.quant() + " does not exist yet: press Create first.");
            return java.util.Optional.empty();
        }
        List<ProfileDiff.Change> changes = running == null ? List.of() : ProfileDiff.between(running, p);
        diff.set(running == null ? "Started " + p.name() : changes.isEmpty() ? "No change: restarted with the same profile"
                : String.join("\n", changes.stream().map(Object::toString).toList()));
        message.set("Applying " + p.name() + "…");
        var outcome = engine.apply(p);
        outcome.whenComplete((a, e) -> updates.update(TuningState.message(e == null ? "Applied " + a.profile().name() + ": the engine is Ready."
                : "Not applied: " + ApplyFailure.reasonOf(e))));
        return java.util.Optional.of(outcome);
    }

    public void applyAndMeasure() {
        applyEdited().ifPresent(measure::arm);
    }

    /** Saves the edited profile into the profiles folder (atomic), then tells the Engine page's picker. */
    public void save() {
        DeploymentProfile p = form.forSaving();
        if (p == null) {
            message.set("Fix the marked fields first.");
            return;
        }
        worker.execute(() -> {
            try {
                Path file = services.saveProfile(p);
                updates.update(TuningState.message("Saved profile " + p.name() + " to " + file));
                engine.refreshProfiles();
            } catch (Exception e) {
                updates.update(TuningState.message("Could not save: " + e.getMessage()));
            }
        });
    }

    /** Writes the selected (missing) variant with InferDeck's quantizer, then re-reads the variants. */
    public void createVariant() {
        Variant v = form.variantProperty().get();
        if (v == null || v.exists() || quantizing.get() || models == null) {
            return;
        }
        quantizing.set(true);
        Path model = models.model();
        updates.update(s -> s.withQuantize(new TuningState.QuantizeStatus(v.quant(), true, 0, 0, null)));
        worker.execute(() -> {
            String done;
            try {
                var r = services.create(v, (d, t) -> updates.update(s -> s.withQuantize(new TuningState.QuantizeStatus(v.quant(), true, d, t, null))));
                done = String.format(java.util.Locale.ROOT, "Created %s: %s (%.1f MB)", v.quant(), r.output().getFileName(), r.outputFileBytes() / 1e6);
            } catch (Exception e) {
                done = "Could not create " + v.quant() + ": " + e.getMessage();
            }
            String text = done;
            updates.update(s -> s.withQuantize(new TuningState.QuantizeStatus(v.quant(), false, 1, 1, text)));
            loadModels(model);
        });
    }

    /** Fills GPU layers and context from the memory fit's auto-fit (the bar follows); false when there is nothing to fit to. */
    public boolean fitToGpus() {
        var plan = fit.fitToGpus();
        plan.ifPresent(p -> {
            form.gpuLayersProperty().set(Integer.toString(p.gpuLayers()));
            form.ctxProperty().set(Integer.toString(p.contextTotal()));
        });
        return plan.isPresent();
    }

    /** Puts the sweep's recommendation into the editor (ctx scaled per slot as the sweep ran it) and applies it. */
    public boolean applyRecommended() {
        SweepOutcome best = sweep.recommendedProperty().get();
        if (best == null) {
            return false;
        }
        DeploymentProfile base = form.profileProperty().get() != null ? form.profileProperty().get() : form.base();
        variants.stream().filter(v -> v.quant().equals(best.point().quant())).findFirst().ifPresent(form.variantProperty()::set);
        form.batchProperty().set(Integer.toString(best.point().batch()));
        form.ubatchProperty().set(Integer.toString(Math.min(best.point().batch(), base.ubatch())));
        form.parallelProperty().set(Integer.toString(best.point().parallel()));
        form.ctxProperty().set(Integer.toString(base.ctx() / Math.max(1, base.parallel()) * best.point().parallel()));
        return apply();
    }

    public void runSweep() {
        DeploymentProfile base = form.profileProperty().get() != null ? form.profileProperty().get() : form.base();
        sweep.run(base.toBuilder().ctx(base.ctx() / Math.max(1, base.parallel())).build(), List.copyOf(variants));
    }

    public ProfileForm form() { return form; }
    public MemoryFitModel fit() { return fit; }
    public SweepModel sweep() { return sweep; }
    public MeasureModel measure() { return measure; }
    public HistoryModel history() { return history; }
    public ObservableList<Variant> variants() { return variantsView; }
    /** The usable models the stores hold, as paths, for the editor's model picker. */
    public ObservableList<String> modelChoices() { return modelChoices.paths(); }
    /** "name  (store)" for a path the picker lists; the path itself for any other. */
    public String modelLabel(String path) { return modelChoices.label(path); }
    /** The quantization report of the profile's model. */
    public QuantReportModel report() { return report; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** The last Apply's changes against the running profile, one "field: before → after" per line. */
    public ReadOnlyStringProperty diffProperty() { return diff.getReadOnlyProperty(); }
    /** Whether the selected variant is missing and can be created. */
    public ReadOnlyBooleanProperty creatableProperty() { return creatable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty quantizingProperty() { return quantizing.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty quantizeProgressProperty() { return quantizeProgress.getReadOnlyProperty(); }
}
