package io.inferdeck.gpu.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferdeck.common.prom.PromSample;
import io.inferdeck.common.prom.PromTextParser;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.SourceState;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gauges over real HTTP on 127.0.0.1, read back with the module's own text parser. */
class GpuMetricsServerTest {

    private final AtomicReference<GpuSnapshot> latest = new AtomicReference<>();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private GpuMetricsServer server;

    GpuMetricsServerTest() {
        GpuMetrics.register(registry, latest::get);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private static GpuSnapshot twoGpus() {
        return GpuSnapshot.builder().at(Instant.EPOCH).state(SourceState.ok("test"))
                .gpu(GpuReading.builder(0).uuid("GPU-a").name("NVIDIA H100 80GB HBM3")
                        .memoryTotalBytes(85_520_809_984L).memoryUsedBytes(76_359_126_293L).memoryFreeBytes(8_591_258_347L)
                        .gpuUtilizationPercent(97).temperatureCelsius(71).powerMilliwatts(612_345L).smClockMhz(1980)
                        .energyMillijoules(9_876_543_210_123L)
                        .processes(List.of(new GpuProcess(41721, 76_235_669_504L, "llama-70b"),
                                new GpuProcess(99, null, null)))
                        .build())
                .gpu(GpuReading.builder(1).uuid("GPU-b").name("NVIDIA H100 80GB HBM3").lost(true).build())
                .build();
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(List<PromSample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + labels)).value();
    }

    @Test
    void servesGaugesOfTheLatestSnapshotInBaseUnits() throws Exception {
        latest.set(twoGpus());
        server = GpuMetricsServer.builder(registry).start();

        HttpResponse<String> response = get(null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        List<PromSample> samples = PromTextParser.parse(response.body()).samples();
        Map<String, String> gpu0 = Map.of("gpu", "0", "uuid", "GPU-a", "name", "NVIDIA H100 80GB HBM3");
        Map<String, String> gpu1 = Map.of("gpu", "1", "uuid", "GPU-b", "name", "NVIDIA H100 80GB HBM3");

        assertThat(value(samples, "inferdeck_gpu_source_up", Map.of())).isEqualTo(1);
        assertThat(value(samples, "inferdeck_gpu_memory_used_bytes", gpu0)).isEqualTo(76_359_126_293d);
        assertThat(value(samples, "inferdeck_gpu_memory_total_bytes", gpu0)).isEqualTo(85_520_809_984d);
        assertThat(value(samples, "inferdeck_gpu_utilization_ratio", gpu0)).isEqualTo(0.97);
        assertThat(value(samples, "inferdeck_gpu_power_watts", gpu0)).isEqualTo(612.345);
        assertThat(value(samples, "inferdeck_gpu_sm_clock_hertz", gpu0)).isEqualTo(1.98e9);
        assertThat(value(samples, "inferdeck_gpu_energy_joules", gpu0)).isEqualTo(9_876_543_210.123);
        assertThat(value(samples, "inferdeck_gpu_lost", gpu0)).isZero();
        assertThat(value(samples, "inferdeck_gpu_lost", gpu1)).isEqualTo(1);
        assertThat(value(samples, "inferdeck_gpu_process_memory_used_bytes",
                Map.of("gpu", "0", "uuid", "GPU-a", "pid", "41721", "engine", "llama-70b"))).isEqualTo(76_235_669_504d);
        // n/a fields and everything of the lost GPU but its lost flag have no series
        assertThat(samples).noneMatch(s -> s.name().equals("inferdeck_gpu_memory_reserved_bytes"));
        assertThat(samples).noneMatch(s -> s.labels().equals(gpu1) && !s.name().equals("inferdeck_gpu_lost"));
        assertThat(samples).noneMatch(s -> "99".equals(s.label("pid")));
    }

    @Test
    void beforeTheFirstSampleOnlyTheUpGaugeIsZero() throws Exception {
        server = GpuMetricsServer.builder(registry).start();
        List<PromSample> samples = PromTextParser.parse(get(null).body()).samples();
        assertThat(samples).extracting(PromSample::name).containsExactly("inferdeck_gpu_source_up");
        assertThat(samples.getFirst().value()).isZero();
    }

    @Test
    void apiKeyIsRequiredWhenSet() throws Exception {
        latest.set(twoGpus());
        server = GpuMetricsServer.builder(registry).apiKey("s3cret").start();
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("Bearer s3cret").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyGetIsServed() throws Exception {
        server = GpuMetricsServer.builder(registry).start();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();
        assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    @Test
    void aClientDrippingHeaderBytesBlocksNoScrapeAndIsClosedAtTheHeaderDeadline() throws Exception {
        // the JDK server's one handler thread waited on such a client: every scrape behind it hung
        server = GpuMetricsServer.builder(registry).limits(GpuMetricsServer.LIMITS.withHeaderTimeout(Duration.ofMillis(300))).start();
        try (Socket drip = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            drip.setSoTimeout(100);
            drip.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a".getBytes(StandardCharsets.US_ASCII));
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build();   // the JDK server never answered it
            assertThat(http.send(scrape, HttpResponse.BodyHandlers.ofString()).statusCode()).as("a scrape while a client drips")
                    .isEqualTo(200);
            boolean closed = false;
            // a byte every 100 ms keeps the idle timeout (30 s) from firing: only the header deadline ends it
            for (int i = 0; i < 100 && !closed; i++) {
                try {
                    drip.getOutputStream().write('a');
                    closed = drip.getInputStream().read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // no answer yet: drip on
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed by the exporter within 100 drips").isTrue();
        }
    }

    @Test
    void foreignHostAndAnyOriginAreRefused() throws Exception {
        server = GpuMetricsServer.builder(registry).start();
        HttpRequest fromPage = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .header("Origin", "http://evil.example").build();
        assertThat(http.send(fromPage, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {   // HttpClient will not send a Host
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 403 ");
        }
    }

    @Test
    void nonLoopbackBindWithoutApiKeyIsRefused() {
        assertThatThrownBy(() -> GpuMetricsServer.builder(registry).host("0.0.0.0").start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set an API key");
    }
}
