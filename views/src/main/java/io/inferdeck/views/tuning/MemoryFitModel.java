package io.inferdeck.views.tuning;

import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.KvCacheTypes;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.tuning.fit.AutoFit;
import io.inferdeck.tuning.fit.FitSettings;
import io.inferdeck.tuning.fit.MemoryEstimate;
import io.inferdeck.tuning.fit.MemoryFitEstimator;
import io.inferdeck.tuning.fit.ModelShape;
import io.inferdeck.tuning.fit.SplitMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The memory-fit estimate for the profile being edited: weights / KV cache / compute buffers per GPU of the
 * first replica against NVML's free memory, with the verdict. Without NVML (or without GPUs) the estimate
 * is of host memory and the state says the engine runs on the CPU. A pure computation over the latest
 * inputs (microseconds), so it runs on the FX thread. FX thread only.
 */
public final class MemoryFitModel {
    /** What the page says about fitting, as a style-class-friendly state. */
    public enum Fit { UNKNOWN, CPU_ONLY, FITS, TIGHT, WILL_NOT_FIT }

    private final ReadOnlyObjectWrapper<MemoryEstimate> estimate = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Fit> fit = new ReadOnlyObjectWrapper<>(Fit.UNKNOWN);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Waiting for the model's header.");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private GpuSnapshot gpus;
    private DeploymentProfile profile;
    private ModelShape shape;
    private String shapeNote = "";

    public void gpus(GpuSnapshot snapshot) {
        gpus = snapshot;
        recompute();
    }

    public void inputs(DeploymentProfile p, ModelShape s, String howShapeWasFound) {
        profile = p;
        shape = s;
        shapeNote = howShapeWasFound == null ? "" : howShapeWasFound;
        recompute();
    }

    private void recompute() {
        if (shape == null || profile == null) {
            estimate.set(null);
            fit.set(Fit.UNKNOWN);
            summary.set(shape == null ? "Waiting for the model's header." : "Fix the profile's fields to see the estimate.");
            note.set("");
            return;
        }
        boolean nvml = gpus != null && gpus.state().isOk() && !gpus.gpus().isEmpty();
        List<Long> free = nvml ? freeBytes(profile, gpus.gpus()) : List.of();
        try {
            MemoryEstimate e = MemoryFitEstimator.estimate(shape, settings(profile, free.isEmpty()), free);
            estimate.set(e);
            if (free.isEmpty()) {
                fit.set(Fit.CPU_ONLY);
                summary.set(String.format(Locale.ROOT, "No GPU: runs on CPU — %s in host memory (weights %s, KV cache %s, compute %s)",
                        mib(e.hostBytes()), mib(e.hostWeightBytes()), mib(e.hostKvBytes()), mib(e.hostComputeBytes())));
            } else {
                fit.set(Fit.valueOf(e.verdict().name()));
                summary.set(switch (e.verdict()) {
                    case FITS -> "Fits";
                    case TIGHT -> "Tight: under 10% of free memory left";
                    case WILL_NOT_FIT -> "Will not fit";
                } + String.format(Locale.ROOT, " — %d of %d layers on GPU, %s in host memory", e.offloadedLayers(),
                        e.totalLayers(), mib(e.hostBytes())));
            }
            List<String> notes = new ArrayList<>(e.warnings());
            if (!shapeNote.isEmpty()) notes.addFirst(shapeNote);
            if (!nvml && gpus != null) notes.add(gpus.state().message());
            note.set(String.join("\n", notes));
        } catch (IllegalArgumentException ex) {
            estimate.set(null);
            fit.set(Fit.UNKNOWN);
            summary.set("No estimate: " + ex.getMessage());
            note.set(shapeNote);
        }
    }

    /**
     * "Fit to GPUs": the most layers, then the largest context, that fit the GPUs replica 0 gets with the
     * estimate's headroom ({@link AutoFit}); empty without NVML GPUs, a model header or a valid profile.
     * A model that states no trained context keeps the profile's context per slot as the upper bound.
     */
    public java.util.Optional<AutoFit.FitPlan> fitToGpus() {
        if (shape == null || profile == null || gpus == null || !gpus.state().isOk() || gpus.gpus().isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(AutoFit.fit(shape, settings(profile, false), freeBytes(profile, gpus.gpus()),
                    profile.ctx() / Math.max(1, profile.parallel())));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();   // settings naming GPUs that are not there: the summary already says so
        }
    }

    /** Free bytes of the GPUs replica 0 gets: its share of the selected GPUs, or all GPUs when none is selected. */
    static List<Long> freeBytes(DeploymentProfile p, List<GpuReading> readings) {
        List<Integer> selected = p.gpus().isEmpty() ? readings.stream().map(GpuReading::index).toList() : p.gpus();
        int perReplica = Math.max(1, selected.size() / Math.max(1, p.replicas()));
        List<Long> free = new ArrayList<>();
        for (int index : selected.subList(0, Math.min(perReplica, selected.size()))) {
            readings.stream().filter(r -> r.index() == index).findFirst()
                    .ifPresent(r -> free.add(r.memoryFreeBytes() == null ? 0L : r.memoryFreeBytes()));
        }
        return free;
    }

    static FitSettings settings(DeploymentProfile p, boolean cpuOnly) {
        GgmlType k = GgmlType.byName(KvCacheTypes.effective(p.engine(), p.cacheTypeK()).toUpperCase(Locale.ROOT)).orElse(GgmlType.F16);
        GgmlType v = GgmlType.byName(KvCacheTypes.effective(p.engine(), p.cacheTypeV()).toUpperCase(Locale.ROOT)).orElse(GgmlType.F16);
        return FitSettings.builder().context(p.ctx()).parallel(p.parallel()).batch(p.batch()).ubatch(p.ubatch())
                .cacheTypes(k, v).flashAttention(p.flashAttention()).gpuLayers(cpuOnly ? 0 : p.gpuLayers())
                .splitMode(SplitMode.valueOf(p.splitMode().name())).tensorSplit(cpuOnly ? List.of() : p.tensorSplit())
                .mainGpu(cpuOnly ? 0 : p.mainGpu()).build();
    }

    static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    public ReadOnlyObjectProperty<MemoryEstimate> estimateProperty() { return estimate.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Fit> fitProperty() { return fit.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
}
