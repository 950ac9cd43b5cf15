package io.inferdeck.app.cli;

import io.inferdeck.gpu.GpuSampler;
import io.inferdeck.gpu.export.GpuMetrics;
import io.inferdeck.gpu.export.GpuMetricsServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck gpu export}: serves the GPU gauges ({@link GpuMetrics}) on {@code GET /metrics} of 127.0.0.1 until
 * the process is stopped (SIGTERM, Ctrl-C). Without an NVIDIA driver it still serves: {@code inferdeck_gpu_source_up}
 * is 0. Exit 2 for bad options, 1 when the port cannot be bound.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Serves the GPU gauges for Prometheus on http://127.0.0.1:PORT/metrics until stopped (Ctrl-C).",
            "Loopback only: scrape it from this machine, or through a proxy that adds authentication."})
public final class GpuExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "9835", description = "Port (default ${DEFAULT-VALUE}; 0 = any free one).")
    int port;

    @Option(names = "--library", paramLabel = "PATH",
            description = "libnvidia-ml to load (default: $INFERDECK_NVML_LIBRARY, else libnvidia-ml.so.1).")
    String library;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw CliError.badInput("--port must be 0..65535, got " + port, null);
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        try (GpuSampler sampler = GpuSampler.builder(GpusCommand.nvml(library)).build()) {
            GpuMetrics.register(registry, sampler::latest);
            sampler.start();
            try (GpuMetricsServer server = GpuMetricsServer.builder(registry).port(port).start()) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("GPU metrics on http://127.0.0.1:" + server.port() + "/metrics (Ctrl-C stops)");
                out.flush();
                new CountDownLatch(1).await();   // until the JVM is stopped or this thread interrupted
            } catch (IOException e) {
                throw CliError.failure("cannot serve on 127.0.0.1:" + port + ": " + e.getMessage(),
                        "pick another --port (0 = any free one)");
            }
        }
        return 0;
    }
}
