package io.inferdeck.views.dashboard;

import io.inferdeck.services.dashboard.DashboardExporter;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;

/**
 * The Dashboard's export buttons: CSV of the selected window from the view-model, PNG of the dashboard
 * body. The snapshot is taken on the FX thread (it must be); the {@link DashboardExporter} encodes and
 * writes on its own thread, and the result reaches the page through {@link DashboardViewModel#exportFinished}.
 */
final class DashboardExport {
    private final DashboardViewModel vm;
    private final Node body;
    private final DashboardExporter exporter;

    DashboardExport(DashboardViewModel vm, Node body, DashboardExporter exporter) {
        this.vm = vm;
        this.body = body;
        this.exporter = exporter;
    }

    void csv() {
        report(exporter.csv(vm.csv()));
    }

    void png() {
        report(exporter.png(SwingFXUtils.fromFXImage(body.snapshot(null, null), null)));
    }

    private void report(CompletionStage<Path> done) {
        done.whenComplete((path, error) -> vm.exportFinished(
                error == null ? "Saved " + path : "Export failed: " + error.getMessage()));
    }
}
