package io.inferdeck.gpu.dcgm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.MutableClock;
import io.inferdeck.gpu.SourceState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes a DCGM-exporter-shaped /metrics served by a JDK HttpServer on 127.0.0.1. */
class DcgmGpuSourceTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final long MIB = 1L << 20;

    private HttpServer server;
    private volatile String body;
    private volatile int status = 200;

    @BeforeEach
    void startServer() throws IOException {
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/dcgm/exporter-two-gpus.txt"))) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    private GpuSnapshot scrape() {
        try (DcgmGpuSource source = DcgmGpuSource.builder(url()).clock(new MutableClock(T0)).build()) {
            return source.sample();
        }
    }

    @Test
    void readsEveryGpuOfTheExporter() {
        GpuSnapshot snapshot = scrape();

        assertThat(snapshot.at()).isEqualTo(T0);
        assertThat(snapshot.state()).isEqualTo(SourceState.ok("DCGM " + url() + ", 2 GPUs"));
        assertThat(snapshot.gpus()).containsExactly(
                GpuReading.builder(0).uuid("GPU-5fd4c2b4-0b3c-8f21-7a6e-1d2c3b4a5f60").name("NVIDIA H100 80GB HBM3")
                        .pciBusId("00000000:18:00.0")
                        .memoryUsedBytes(72_824 * MIB).memoryFreeBytes(8_193 * MIB).memoryReservedBytes(544 * MIB)
                        .memoryTotalBytes((72_824 + 8_193 + 544) * MIB)
                        .gpuUtilizationPercent(97).memoryUtilizationPercent(63).temperatureCelsius(71)
                        .powerMilliwatts(612_345L).smClockMhz(1980).energyMillijoules(9_876_543_210_123L).build(),
                GpuReading.builder(1).uuid("GPU-9e8d7c6b-5a49-3827-1605-f4e3d2c1b0a9").name("NVIDIA H100 80GB HBM3")
                        .pciBusId("00000000:2A:00.0")
                        .memoryUsedBytes(12_274 * MIB).memoryFreeBytes(68_743 * MIB).memoryReservedBytes(544 * MIB)
                        .memoryTotalBytes((12_274 + 68_743 + 544) * MIB)
                        .gpuUtilizationPercent(41).memoryUtilizationPercent(12).temperatureCelsius(52)
                        .powerMilliwatts(221_004L).smClockMhz(1755).energyMillijoules(1_234_567_890L).build());
    }

    @Test
    void missingAndNanFieldsAreNa() {
        body = """
                DCGM_FI_DEV_GPU_TEMP{gpu="3",UUID="GPU-x",modelName="NVIDIA L4"} 44
                DCGM_FI_DEV_POWER_USAGE{gpu="3",UUID="GPU-x",modelName="NVIDIA L4"} NaN
                DCGM_FI_DEV_FB_USED{gpu="3",UUID="GPU-x",modelName="NVIDIA L4"} 100
                """;
        GpuReading gpu = scrape().gpus().getFirst();
        assertThat(gpu).isEqualTo(GpuReading.builder(3).uuid("GPU-x").name("NVIDIA L4")
                .temperatureCelsius(44).memoryUsedBytes(100 * MIB).build());
    }

    @Test
    void httpErrorIsAnErrorState() {
        status = 503;
        GpuSnapshot snapshot = scrape();
        assertThat(snapshot.state()).isEqualTo(SourceState.error("DCGM exporter at " + url() + " answered HTTP 503"));
        assertThat(snapshot.gpus()).isEmpty();
    }

    @Test
    void malformedTextIsAnErrorStateNamingTheLine() {
        body = "DCGM_FI_DEV_GPU_TEMP{gpu=\"0\" 44\n";
        assertThat(scrape().state()).isEqualTo(SourceState.error("DCGM exporter at " + url()
                + " sent malformed metrics: line 1: expected ',' or '}' at column 30"));
    }

    @Test
    void textWithoutDcgmSeriesIsAnErrorState() {
        body = "# TYPE up gauge\nup 1\n";
        assertThat(scrape().state().message()).endsWith("exports no DCGM_FI_DEV_* series with a gpu label");
    }

    @Test
    void unreachableExporterIsAnErrorState() {
        URI dead = url();
        server.stop(0);
        try (DcgmGpuSource source = DcgmGpuSource.builder(dead).build()) {
            SourceState state = source.sample().state();
            assertThat(state.status()).isEqualTo(SourceState.Status.ERROR);
            assertThat(state.message()).startsWith("DCGM exporter at " + dead + " unreachable: ");
        }
    }
}
