package io.inferdeck.services.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.gateway.Gateway;
import io.inferdeck.control.gateway.GatewayConfig;
import io.inferdeck.control.gateway.Upstream;
import io.inferdeck.control.launch.HealthCheck;
import io.inferdeck.control.metrics.GatewayMetricNames;
import io.inferdeck.control.metrics.MetricMapping.Counter;
import io.inferdeck.control.metrics.ParsedMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One "node" of the fleet test: a real InferDeck {@link Gateway} on a free loopback port in front of a loopback
 * OpenAI-compatible engine that answers every chat completion after {@code delayMs} (the latency the gateway's
 * histograms see). Also serves fixed metric pages (a DCGM exporter's) over loopback HTTP.
 */
final class LoopbackNode implements AutoCloseable {
    private static final String CHAT = "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    private static final String REPLY = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m1\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fleet-test-health"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(threads).build();
    private final HttpServer engine;
    private final Gateway gateway;

    LoopbackNode(long delayMs) throws IOException {
        engine = serve(threads, ex -> {
            String path = ex.getRequestURI().getPath();
            ex.getRequestBody().readAllBytes();
            if (path.equals("/v1/chat/completions")) {
                sleep(delayMs);
                send(ex, 200, REPLY);
            } else {
                send(ex, path.equals("/health") ? 200 : 404, "{}");
            }
        });
        GatewayConfig config = GatewayConfig.defaults("127.0.0.1", 0, Optional.empty())
                .withHealth(Duration.ofMillis(200), Duration.ofSeconds(1));
        gateway = new Gateway(config, List.of(new Upstream("u0", url(engine), HealthCheck.ok("/health"), () -> true)),
                Clock.systemUTC());
        gateway.start(scheduler);
    }

    /** {@code host:port} of the gateway: Prometheus' {@code instance} label for it. */
    String instance() {
        return gateway.baseUrl().getHost() + ":" + gateway.baseUrl().getPort();
    }

    URI gatewayUrl() {
        return gateway.baseUrl();
    }

    /** Sends {@code n} chat completions through the gateway, all at once; fails unless every one answers 200. */
    void chat(int n) throws Exception {
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(threads.submit(() -> http.send(HttpRequest.newBuilder(gateway.baseUrl().resolve("/v1/chat/completions"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString())));
        }
        for (Future<HttpResponse<String>> r : replies) {
            if (r.get().statusCode() != 200) {
                throw new IllegalStateException("gateway answered " + r.get().statusCode() + ": " + r.get().body());
            }
        }
    }

    /** Completed requests as a direct scrape of the gateway's /metrics reads them (the direct scraper's selector). */
    double completed() throws Exception {
        String page = http.send(HttpRequest.newBuilder(gateway.baseUrl().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return GatewayMetricNames.DIALECT.mapping().counters().get(Counter.COMPLETED).read(ParsedMetrics.parse(page))
                .orElseThrow(() -> new AssertionError("no completed-requests series on the gateway's page"));
    }

    /** Serves {@code text} as a Prometheus text page at every path. */
    static HttpServer page(ExecutorService threads, String text) throws IOException {
        return serve(threads, ex -> send(ex, 200, text));
    }

    static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private static HttpServer serve(ExecutorService threads, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            try (ex) {
                handler.handle(ex);
            }
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain; version=0.0.4");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        gateway.close();
        engine.stop(0);
        scheduler.shutdownNow();
        http.close();
        threads.shutdownNow();
    }
}
