package io.inferdeck.gpu.export;

import io.inferdeck.common.net.BrowserGuard;
import io.inferdeck.common.net.ServerLimits;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Optional {@code GET /metrics} endpoint (Prometheus text format 0.0.4) for the GPU gauges, on Jetty 12 with the
 * connection limits of every InferDeck server ({@link #LIMITS}: a client that never finishes its headers is closed
 * at the header deadline and holds no thread meanwhile, so it cannot block scrapes). Binds 127.0.0.1 by default;
 * binding any non-loopback address requires an API key, then sent as {@code Authorization: Bearer <key>}. The
 * {@link BrowserGuard} rule applies (403 for a foreign {@code Host} or any {@code Origin}): a web page cannot read
 * the gauges through DNS rebinding. Handler threads: a small pool made by the injected factory; {@link #close()}
 * stops them.
 */
public final class GpuMetricsServer implements AutoCloseable {
    /** 8 KiB of headers within 5 s, idle 30 s, 64 connections: a scrape is one small GET. */
    public static final ServerLimits LIMITS = new ServerLimits(8 << 10, Duration.ofSeconds(5), Duration.ofSeconds(30), 64);

    private final Server server;
    private final ServerConnector connector;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final byte[] expectedAuthorization;
    private final BrowserGuard guard;

    private GpuMetricsServer(Builder b) throws IOException {
        InetAddress address = InetAddress.getByName(b.host);
        if (!address.isLoopbackAddress() && (b.apiKey == null || b.apiKey.isBlank())) {
            throw new IllegalArgumentException("GPU metrics on " + b.host
                    + " would be reachable from other machines: set an API key, or bind 127.0.0.1");
        }
        this.registry = b.registry;
        this.expectedAuthorization = b.apiKey == null ? null
                : ("Bearer " + b.apiKey).getBytes(StandardCharsets.UTF_8);
        this.guard = new BrowserGuard(b.host, List.of());
        QueuedThreadPool threads = new QueuedThreadPool(8, 2, 60_000, -1, null, null, b.threadFactory);
        threads.setName("gpu-metrics-http");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(b.limits.httpConfiguration()));
        connector.setHost(address.getHostAddress());
        connector.setPort(b.port);
        server.addConnector(connector);
        b.limits.applyTo(server, connector);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setDefaultResponseMimeType("text/plain");
        server.setErrorHandler(errors);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw e instanceof IOException io ? io : new IOException("GPU metrics did not start on " + b.host + ":" + b.port
                    + ": " + e.getMessage(), e);
        }
    }

    public static Builder builder(PrometheusRegistry registry) {
        return new Builder(registry);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Client connections open now (those Jetty accepted and has not yet seen closed). */
    public int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    private void serve(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!Request.getPathInContext(request).equals("/metrics")) {
            respond(request, response, callback, 404, "only GET /metrics\n");
        } else if (guard.check(request.getHeaders().get(HttpHeader.HOST), request.getHeaders().get(HttpHeader.ORIGIN)).isPresent()) {
            respond(request, response, callback, 403, "cross-site requests are refused\n");
        } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            respond(request, response, callback, 405, "only GET /metrics\n");
        } else if (expectedAuthorization != null && !authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            respond(request, response, callback, 401, "missing or wrong API key\n");
        } else {
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            try {
                writer.write(body, registry.scrape());
            } catch (IOException e) {
                callback.failed(e);   // writing to memory: not expected
                return;
            }
            respond(request, response, callback, 200, writer.getContentType(), body.toByteArray());
        }
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(Request request, Response response, Callback callback, int status, String text) {
        respond(request, response, callback, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(Request request, Response response, Callback callback, int status, String contentType,
                                byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        if ("HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping is best effort: the process may be on its way out
        }
    }

    public static final class Builder {
        private final PrometheusRegistry registry;
        private String host = "127.0.0.1";
        private int port;
        private String apiKey;
        private ServerLimits limits = LIMITS;
        private ThreadFactory threadFactory = Thread.ofPlatform().daemon(true).factory();

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

        /** The connection limits (default {@link #LIMITS}). */
        public Builder limits(ServerLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Makes the handler threads (Jetty names them {@code gpu-metrics-http-N}). */
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
