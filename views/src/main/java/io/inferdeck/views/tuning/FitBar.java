package io.inferdeck.views.tuning;

import io.inferdeck.tuning.fit.GpuMemory;
import io.inferdeck.tuning.fit.MemoryEstimate;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The memory-fit estimate as stacked bars: per GPU, weights / KV cache / compute buffers / runtime overhead
 * against NVML's free memory (the rest of the bar is what stays free; a bar that overflows is marked
 * {@code :over}); with no GPU, one bar of host memory. The verdict label carries {@code :fits},
 * {@code :tight}, {@code :will-not-fit} or {@code :cpu-only}.
 */
final class FitBar extends VBox {
    private static final List<String> PARTS = List.of("weights", "kv", "compute", "overhead");
    private final VBox bars = new VBox(8);
    private final Label verdict = Controls.text("tuning-fit-verdict");

    FitBar(MemoryFitModel fit) {
        getStyleClass().add("tuning-fit");
        verdict.setId("tuning-fit-verdict");
        verdict.textProperty().bind(fit.summaryProperty());
        Label note = Controls.text("tuning-fit-note");
        note.setId("tuning-fit-note");
        note.textProperty().bind(fit.noteProperty());
        javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(12, 4);
        legend.getStyleClass().add("tuning-fit-legend");
        for (String part : List.of("weights", "kv", "compute", "overhead", "free")) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("tuning-fit-swatch", "fit-" + part);
            legend.getChildren().add(new HBox(4, swatch, Controls.fixed(switch (part) {
                case "kv" -> "KV cache";
                case "compute" -> "compute buffers";
                case "overhead" -> "runtime";
                default -> part;
            })));
        }
        getChildren().addAll(Controls.caption("Memory fit"), verdict, bars, legend, note);
        fit.fitProperty().subscribe(f -> {
            for (MemoryFitModel.Fit x : MemoryFitModel.Fit.values()) {
                verdict.pseudoClassStateChanged(PseudoClass.getPseudoClass(x.name().toLowerCase().replace('_', '-')), x == f);
            }
        });
        fit.estimateProperty().subscribe(this::show);
    }

    private void show(MemoryEstimate e) {
        bars.getChildren().clear();   // at most one bar per GPU of a replica: a handful of nodes, rebuilt on change
        if (e == null) {
            return;
        }
        if (e.gpus().isEmpty()) {
            bars.getChildren().add(bar("Host memory", new long[] {e.hostWeightBytes(), e.hostKvBytes(), e.hostComputeBytes(), 0},
                    e.hostBytes(), false));
            return;
        }
        for (GpuMemory g : e.gpus()) {
            bars.getChildren().add(bar("GPU " + g.index(), new long[] {g.weightBytes(), g.kvBytes(), g.computeBytes(), g.overheadBytes()},
                    Math.max(g.freeBytes(), g.totalBytes()), g.totalBytes() > g.freeBytes()));
        }
    }

    private static VBox bar(String title, long[] parts, long scale, boolean over) {
        HBox track = new HBox();
        track.getStyleClass().add("tuning-fit-track");
        track.setMinWidth(0);
        track.setPrefWidth(100);      // fixed: segments size from the track's width, so it must not size from them
        track.setMaxWidth(Double.MAX_VALUE);
        track.pseudoClassStateChanged(PseudoClass.getPseudoClass("over"), over);
        long used = 0;
        for (int i = 0; i < parts.length; i++) {
            used += parts[i];
            if (parts[i] > 0) track.getChildren().add(segment(PARTS.get(i), parts[i], scale, track));
        }
        if (scale > used) track.getChildren().add(segment("free", scale - used, scale, track));
        Label caption = new Label(title + ": " + MemoryFitModel.mib(used) + (parts.length > 0 && scale > used
                ? " of " + MemoryFitModel.mib(scale) + " free" : ""));
        caption.getStyleClass().add("tuning-fit-bar-title");
        return new VBox(2, caption, track);
    }

    private static Region segment(String part, long bytes, long scale, HBox track) {
        Region r = new Region();
        r.getStyleClass().addAll("tuning-fit-segment", "fit-" + part);
        r.setMinWidth(1);
        r.prefWidthProperty().bind(track.widthProperty().multiply(bytes / (double) scale));
        Tooltip.install(r, new Tooltip(part + ": " + MemoryFitModel.mib(bytes)));
        return r;
    }
}
