package io.inferdeck.services.fleet;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.export.GpuMetrics;
import io.inferdeck.gpu.export.GpuMetricsServer;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * InferDeck's GPU exporter ({@link GpuMetricsServer} over {@link GpuMetrics}) on a free loopback port, serving one
 * {@link NvmlGpuSource} snapshot read through the stand-in libnvidia-ml that gpu-monitor's build compiles
 * ({@code gpu-monitor/target/standin}, present after a reactor build with {@code -am}) configured with
 * gpu-monitor's eight-GPU sample. One fixed snapshot, so the exporter's page and {@link #snapshot} agree exactly.
 */
final class StandinGpuExporter implements AutoCloseable {
    static final Path LIBRARY = Path.of("..", "gpu-monitor", "target", "standin", "libnvidia-ml.so").toAbsolutePath();
    static final Path CONFIG = Path.of("..", "gpu-monitor", "src", "test", "resources", "standin", "eight-gpus.conf").toAbsolutePath();

    /** The stand-in's test hook (see gpu-monitor/src/test/c/nvml_standin.c): the config file to read. */
    interface Control extends Library {
        void nvmlStandinSetConfig(String path);
    }

    private final GpuSnapshot snapshot;
    private final GpuMetricsServer server;

    private StandinGpuExporter(GpuSnapshot snapshot, GpuMetricsServer server) {
        this.snapshot = snapshot;
        this.server = server;
    }

    /** Empty when the stand-in library has not been built (gpu-monitor not in this build). */
    static Optional<StandinGpuExporter> start() throws IOException {
        if (!Files.isRegularFile(LIBRARY)) {
            return Optional.empty();
        }
        Native.load(LIBRARY.toString(), Control.class).nvmlStandinSetConfig(CONFIG.toString());
        GpuSnapshot snapshot;
        try (NvmlGpuSource source = NvmlGpuSource.builder().library(LIBRARY.toString()).build()) {
            snapshot = source.sample();
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        GpuMetrics.register(registry, () -> snapshot);
        return Optional.of(new StandinGpuExporter(snapshot, GpuMetricsServer.builder(registry).host("127.0.0.1").port(0).start()));
    }

    GpuSnapshot snapshot() {
        return snapshot;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port() + "/metrics");
    }

    @Override
    public void close() {
        server.close();
    }
}
