package io.inferdeck.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.metrics.Fixtures.ManualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP over loopback against a JDK HttpServer serving fixture text. */
class MetricsScraperTest {
    private HttpServer server;
    private final List<String> authHeaders = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger scrapes = new AtomicInteger();
        server.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getPath());
            authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            String fixture = scrapes.getAndIncrement() == 0 ? "vllm-1.txt" : "vllm-2.txt";
            reply(ex, 200, Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/down", ex -> reply(ex, 503, "{\"status\":\"loading\"}\nmore".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/garbage", ex -> reply(ex, 200, "ok 1\n<html>oops</html>\n".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/huge", ex -> reply(ex, 200, new byte[MetricsScraper.MAX_BODY_BYTES + 1]));
        server.createContext("/slow", ex -> {
            try {
                release.await(5, TimeUnit.SECONDS); // answers only after the scraper gave up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, new byte[0]);
        });
        server.start();
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        } catch (IOException clientGone) {
            // the scraper may hang up on purpose (oversized body, timeout)
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private MetricsScraper scraper(String url, String key) {
        return new MetricsScraper(MetricsScraper.metricsUrl(url), Duration.ofSeconds(2), key,
                new MetricsNormalizer(clock, Duration.ofSeconds(30)));
    }

    @Test
    void scrapesTwiceAndNormalizes() throws Exception {
        try (MetricsScraper s = scraper(base(), "sk-secret")) {
            assertThat(s.url()).hasToString(base() + "/metrics");
            assertThat(s.scrape().qps()).isEmpty();
            clock.advance(Duration.ofSeconds(5));
            EngineMetrics m = s.scrape();
            assertThat(m.flavor()).isEqualTo(new EngineFlavor("vllm"));
            assertThat(m.qps().getAsDouble()).isCloseTo(4.0, within(1e-9));
            assertThat(m.e2e().p99().getAsDouble()).isCloseTo(9.0, within(1e-9));
        }
        assertThat(paths).containsExactly("/metrics", "/metrics");
        assertThat(authHeaders).containsOnly("Bearer sk-secret");
    }

    @Test
    void urlRules() {
        assertThat(MetricsScraper.metricsUrl("http://h:1")).hasToString("http://h:1/metrics");
        assertThat(MetricsScraper.metricsUrl("http://h:1/")).hasToString("http://h:1/metrics");
        assertThat(MetricsScraper.metricsUrl(" http://h:1/engine/0/metrics ")).hasToString("http://h:1/engine/0/metrics");
        assertThatThrownBy(() -> MetricsScraper.metricsUrl("h:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> MetricsScraper.metricsUrl("http://h:1/a b")).hasMessageContaining("not a URL");
    }

    @Test
    void failuresSayWhatHappened() throws Exception {
        try (MetricsScraper s = scraper(base() + "/down", null)) {
            assertThatThrownBy(s::fetch).isInstanceOf(IOException.class)
                    .hasMessage("GET " + base() + "/down answered 503: {\"status\":\"loading\"}");
        }
        try (MetricsScraper s = scraper(base() + "/garbage", null)) {
            assertThatThrownBy(s::fetch).isInstanceOf(IOException.class)
                    .hasMessageContaining("is not Prometheus text format: line 2:");
        }
        try (MetricsScraper s = scraper(base() + "/huge", null)) {
            assertThatThrownBy(s::fetch).isInstanceOf(IOException.class).hasMessageContaining("refusing it");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (MetricsScraper s = scraper("http://127.0.0.1:" + closedPort, null)) {
            assertThatThrownBy(s::fetch).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot scrape http://127.0.0.1:" + closedPort + "/metrics: ");
        }
    }

    @Test
    void slowEngineTimesOut() {
        try (MetricsScraper s = new MetricsScraper(URI.create(base() + "/slow"), Duration.ofMillis(300), null,
                new MetricsNormalizer(clock, Duration.ofSeconds(30)))) {
            assertThatThrownBy(s::fetch).isInstanceOf(IOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
        }
    }
}
