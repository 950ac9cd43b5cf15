package io.inferdeck.services.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardExporterTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void writesCsvAndPngNamedByTheClockAndLeavesNoTempFiles() throws Exception {
        DashboardExporter exporter = new DashboardExporter(dir.resolve("exports"), Runnable::run, clock);
        Path csv = exporter.csv("series,epoch_ms,value\n").toCompletableFuture().get();
        assertThat(csv).isEqualTo(dir.resolve("exports/dashboard-20261129-101530.csv")).hasContent("series,epoch_ms,value");
        Path png = exporter.png(new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB)).toCompletableFuture().get();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(4);
        try (var files = Files.list(dir.resolve("exports"))) {
            assertThat(files).containsExactlyInAnyOrder(csv, png);
        }
    }

    @Test
    void aFailedWriteFailsTheStage() throws Exception {
        Files.writeString(dir.resolve("file"), "not a folder");
        DashboardExporter exporter = new DashboardExporter(dir.resolve("file"), Runnable::run, clock);
        assertThatThrownBy(() -> exporter.csv("x").toCompletableFuture().get()).hasCauseInstanceOf(java.io.IOException.class).cause().hasMessageContaining("file");
    }
}
