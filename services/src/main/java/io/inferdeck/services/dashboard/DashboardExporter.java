package io.inferdeck.services.dashboard;

import io.inferdeck.common.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.imageio.ImageIO;

/**
 * Saves the Dashboard's exports, {@code dashboard-yyyyMMdd-HHmmss.csv|png} in one folder, each written
 * atomically. Encoding and writing run on {@code io} (the composition root's {@code dashboard-export}
 * thread); the stages complete there with the saved path. Thread-safe.
 */
public final class DashboardExporter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final Executor io;
    private final Clock clock;

    /** @param clock names the files, in its zone */
    public DashboardExporter(Path dir, Executor io, Clock clock) {
        this.dir = dir;
        this.io = io;
        this.clock = clock;
    }

    public CompletionStage<Path> csv(String text) {
        Path target = file("csv");
        return write(() -> AtomicFiles.writeString(target, text));
    }

    public CompletionStage<Path> png(BufferedImage image) {
        Path target = file("png");
        return write(() -> AtomicFiles.write(target, temp -> {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        }));
    }

    private Path file(String extension) {
        return dir.resolve("dashboard-" + LocalDateTime.now(clock).format(STAMP) + "." + extension);
    }

    private interface Write {
        Path run() throws IOException;
    }

    /** The stage fails with the write's own exception, not a wrapper, so its message reads as the reason. */
    private CompletionStage<Path> write(Write w) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                done.complete(w.run());
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
