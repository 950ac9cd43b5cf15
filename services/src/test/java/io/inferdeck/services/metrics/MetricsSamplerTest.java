package io.inferdeck.services.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.endpoint.EngineEndpoint;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.services.bus.LiveBus;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sampler against a local HTTP server that plays an engine's /metrics. */
class MetricsSamplerTest {
    private static final String PAGE = "# TYPE inferdeck_requests_total counter\ninferdeck_requests_total{outcome=\"ok\"} 3\n";

    private final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server = engine();
    private final EngineTarget target = new EngineTarget();
    private final LiveBus bus = new LiveBus();
    private final List<MetricsUpdate> published = new CopyOnWriteArrayList<>();
    private final MetricsSampler sampler = new MetricsSampler(target, bus.topic(MetricsSampler.UPDATES),
            Duration.ofSeconds(2), Clock.systemUTC());
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

    private HttpServer engine() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/metrics", exchange -> {
                byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            s.start();
            return s;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        sampler.close();
        thread.shutdownNow();
        server.stop(0);
    }

    @Test
    void publishesMetricsOfTheCurrentEngineOrWhyThereAreNone() {
        bus.topic(MetricsSampler.UPDATES).subscribe(published::add);
        assertThat(sampler.sampleOnce()).isEqualTo(new MetricsUpdate.Unavailable(MetricsSampler.NO_ENGINE));

        target.set(EngineEndpoint.of("http://127.0.0.1:" + server.getAddress().getPort()));
        assertThat(sampler.sampleOnce()).isInstanceOfSatisfying(MetricsUpdate.Scraped.class,
                s -> assertThat(s.metrics().flavor()).isEqualTo(new EngineFlavor("builtin")));

        status.set(503);
        assertThat(sampler.sampleOnce()).isInstanceOfSatisfying(MetricsUpdate.Unavailable.class,
                u -> assertThat(u.reason()).contains("unavailable").contains("503"));
        assertThat(published).hasSize(3).last().isInstanceOf(MetricsUpdate.Unavailable.class);
    }

    @Test
    void samplesAtItsRateOnTheGivenThreadUntilClosed() throws Exception {
        bus.topic(MetricsSampler.UPDATES).subscribe(published::add);
        sampler.start(thread, 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (published.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(published).hasSizeGreaterThanOrEqualTo(3);
        sampler.close();
        int after = published.size();
        Thread.sleep(200);
        assertThat(published).hasSize(after);
        assertThat(thread.isShutdown()).as("the thread is the owner's").isFalse();
    }
}
