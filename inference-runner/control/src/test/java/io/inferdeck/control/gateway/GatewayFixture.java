package io.inferdeck.control.gateway;

import io.inferdeck.control.launch.HealthCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A gateway on a free loopback port over given upstreams, with short timeouts, and a client for it. */
final class GatewayFixture implements AutoCloseable {
    static final String CHAT = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    static final String CHAT_STREAM = "{\"model\":\"m1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";

    final Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-health"));

    GatewayFixture(GatewayConfig config, List<URI> upstreams) throws Exception {
        this(config, upstreams, () -> false);
    }

    /** {@code comingBack}: what every upstream's owner says about bringing it back (see {@link Upstream}). */
    GatewayFixture(GatewayConfig config, List<URI> upstreams, java.util.function.BooleanSupplier comingBack) throws Exception {
        this(config, upstreams, comingBack, GatewayExtensions.NONE);
    }

    /** {@code api}: what every upstream's engine takes of OpenAI's request surface. */
    GatewayFixture(GatewayConfig config, List<URI> upstreams, java.util.function.BooleanSupplier comingBack,
                   io.inferdeck.control.driver.OpenAiSupport api) throws Exception {
        this(config, upstreams, comingBack, GatewayExtensions.NONE, Clock.systemUTC(), api);
    }

    /** {@code clock}: the gateway's time (request log stamps, response-cache ages). */
    GatewayFixture(GatewayConfig config, List<URI> upstreams, java.util.function.BooleanSupplier comingBack, Clock clock)
            throws Exception {
        this(config, upstreams, comingBack, GatewayExtensions.NONE, clock, io.inferdeck.control.driver.OpenAiSupport.PASS_THROUGH);
    }

    /** With parts from outside the gateway (live safety, prompt capture). */
    GatewayFixture(GatewayConfig config, List<URI> upstreams, GatewayExtensions extensions) throws Exception {
        this(config, upstreams, () -> false, extensions);
    }

    /** With parts from outside the gateway (key admission, live safety) and upstreams that may be coming back. */
    GatewayFixture(GatewayConfig config, List<URI> upstreams, java.util.function.BooleanSupplier comingBack,
                   GatewayExtensions extensions) throws Exception {
        this(config, upstreams, comingBack, extensions, Clock.systemUTC(), io.inferdeck.control.driver.OpenAiSupport.PASS_THROUGH);
    }

    private GatewayFixture(GatewayConfig config, List<URI> upstreams, java.util.function.BooleanSupplier comingBack,
                           GatewayExtensions extensions, Clock clock, io.inferdeck.control.driver.OpenAiSupport api)
            throws Exception {
        List<Upstream> list = new ArrayList<>();
        for (int i = 0; i < upstreams.size(); i++) {
            list.add(new Upstream("u" + i, upstreams.get(i), HealthCheck.ok("/health"), () -> true, comingBack, api));
        }
        gateway = new Gateway(config, list, clock, extensions);
        gateway.start(scheduler);
    }

    /** Over upstreams the test built itself (e.g. ones whose owner probes them). */
    private GatewayFixture(GatewayConfig config, List<Upstream> upstreams, Clock clock) throws Exception {
        gateway = new Gateway(config, upstreams, clock);
        gateway.start(scheduler);
    }

    static GatewayFixture over(GatewayConfig config, List<Upstream> upstreams) throws Exception {
        return new GatewayFixture(config, upstreams, Clock.systemUTC());
    }

    /** Defaults with timeouts short enough for tests: hung upstreams are cut after 500 ms, probed every 200 ms (1 s probe timeout: a loaded test machine is slow). */
    static GatewayConfig quick() {
        return GatewayConfig.defaults("127.0.0.1", 0, Optional.empty())
                .withUpstreamTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(2))
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    URI url(String path) {
        return gateway.baseUrl().resolve(path);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        gateway.close();
        scheduler.shutdownNow();
        http.close();
    }
}
