package io.inferdeck.views.dashboard;

import io.inferdeck.views.fx.BackgroundExecutor;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Exports the current window: CSV from the view-model, PNG from a snapshot of the dashboard body. The
 * snapshot is taken on the FX thread (it must be); encoding and the atomic write run on {@code io}.
 * Results go to {@code status}, called on the io thread: it must hand them to the FX thread itself
 * (production: an FxDispatcher channel into {@link DashboardViewModel#exportFinished}).
 */
final class DashboardExport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final DashboardViewModel vm;
    private final Node body;
    private final BackgroundExecutor io;
    private final Path dir;
    private final Consumer<String> status;

    DashboardExport(DashboardViewModel vm, Node body, BackgroundExecutor io, Path dir, Consumer<String> status) {
        this.vm = vm;
        this.body = body;
        this.io = io;
        this.dir = dir;
        this.status = status;
    }

    void csv() {
        String text = vm.csv();
        Path target = dir.resolve("dashboard-" + LocalDateTime.now().format(STAMP) + ".csv");
        report(io.submit(() -> AtomicFiles.write(target, t -> Files.writeString(t, text, StandardCharsets.UTF_8))));
    }

    void png() {
        WritableImage image = body.snapshot(null, null);
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path target = dir.resolve("dashboard-" + LocalDateTime.now().format(STAMP) + ".png");
        report(io.submit(() -> AtomicFiles.write(target, t -> {
            if (!ImageIO.write(buffered, "png", t.toFile())) {
                throw new java.io.IOException("no PNG writer available");
            }
        })));
    }

    private void report(java.util.concurrent.CompletableFuture<Path> done) {
        done.whenComplete((path, error) -> status.accept(
                error == null ? "Saved " + path : "Export failed: " + error.getMessage()));
    }
}
