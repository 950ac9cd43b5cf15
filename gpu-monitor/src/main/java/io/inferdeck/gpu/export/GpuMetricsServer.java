package io.inferdeck.gpu.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Optional {@code GET /metrics} endpoint (Prometheus text format 0.0.4) for the GPU gauges, on the
 * JDK's HttpServer. Binds 127.0.0.1 by default; binding any non-loopback address requires an API
 * key, then sent as {@code Authorization: Bearer <key>}. One handler thread from the injected
 * factory; {@link #close()} stops it.
 */
public final class GpuMetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final byte[] expectedAuthorization;

    private GpuMetricsServer(Builder b) throws IOException {
        InetAddress address = InetAddress.getByName(b.host);
        if (!address.isLoopbackAddress() && (b.apiKey == null || b.apiKey.isBlank())) {
            throw new IllegalArgumentException("GPU metrics on " + b.host
                    + " would be reachable from other machines: set an API key, or bind 127.0.0.1");
        }
        this.registry = b.registry;
        this.expectedAuthorization = b.apiKey == null ? null
                : ("Bearer " + b.apiKey).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(address, b.port), 16);
        this.executor = Executors.newSingleThreadExecutor(b.threadFactory);
        server.setExecutor(executor);
        server.createContext("/metrics", this::handle);
        server.start();
    }

    public static Builder builder(PrometheusRegistry registry) {
        return new Builder(registry);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", "only GET /metrics\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (expectedAuthorization != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                respond(exchange, 401, "text/plain; charset=utf-8", "missing or wrong API key\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            writer.write(body, registry.scrape());
            respond(exchange, 200, writer.getContentType(), body.toByteArray());
        }
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static final class Builder {
        private final PrometheusRegistry registry;
        private String host = "127.0.0.1";
        private int port;
        private String apiKey;
        private ThreadFactory threadFactory = Thread.ofPlatform().name("gpu-metrics-http").daemon(true).factory();

        private Builder(PrometheusRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /** Binds and starts serving. */
        public GpuMetricsServer start() throws IOException {
            return new GpuMetricsServer(this);
        }
    }
}
