package io.inferdeck.control.supervisor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Data-parallel front door for replicas: forwards every request to the healthy replica with the fewest
 * requests in flight, streaming the response body through as it arrives (SSE stays live). A replica whose
 * supervisor is not Ready receives nothing; when none is Ready the router answers 503 in OpenAI's error shape.
 */
public final class Router implements AutoCloseable {
    /** One replica as the router sees it: where it is and whether it may take traffic now. */
    public record Backend(URI baseUrl, Supplier<Boolean> healthy, AtomicInteger inFlight) {
        public Backend(URI baseUrl, Supplier<Boolean> healthy) {
            this(baseUrl, healthy, new AtomicInteger());
        }
    }

    private final List<Backend> backends;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Router(String host, int port, List<Backend> backends) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // small SSE events must not wait on Nagle
        this.backends = List.copyOf(backends);
        server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private final AtomicInteger turn = new AtomicInteger();

    /** Fewest in flight wins; ties rotate so idle replicas share sequential traffic. */
    Optional<Backend> pick() {
        int start = Math.floorMod(turn.getAndIncrement(), backends.size());
        Optional<Backend> best = Optional.empty();
        for (int i = 0; i < backends.size(); i++) {
            Backend b = backends.get((start + i) % backends.size());
            if (b.healthy().get() && (best.isEmpty() || b.inFlight().get() < best.get().inFlight().get())) {
                best = Optional.of(b);
            }
        }
        return best;
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            Optional<Backend> chosen = pick();
            if (chosen.isEmpty()) {
                sendError(ex, 503, "no healthy replica");
                return;
            }
            byte[] requestBody = ex.getRequestBody().readAllBytes();
            java.util.Set<Backend> failed = new java.util.HashSet<>();
            Optional<Backend> next = chosen;
            while (next.isPresent()) {
                Backend b = next.get();
                b.inFlight().incrementAndGet();
                try {
                    proxy(ex, b, requestBody);
                    return;
                } catch (UpstreamUnavailable e) {
                    failed.add(b);   // nothing was sent to the client yet: safe to try another replica
                    next = backends.stream().filter(x -> !failed.contains(x) && x.healthy().get())
                            .min(Comparator.comparingInt(x -> x.inFlight().get()));
                } finally {
                    b.inFlight().decrementAndGet();
                }
            }
            sendError(ex, 502, "every replica failed to answer");
        }
    }

    private static void sendError(HttpExchange ex, int status, String message) throws IOException {
        byte[] body = ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"unavailable_error\",\"param\":null,\"code\":null}}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** The replica could not be reached or dropped the connection before answering. */
    private static final class UpstreamUnavailable extends Exception {
        UpstreamUnavailable(Throwable cause) {
            super(cause);
        }
    }

    private void proxy(HttpExchange ex, Backend b, byte[] requestBody) throws IOException, UpstreamUnavailable {
        HttpRequest.Builder req = HttpRequest.newBuilder(b.baseUrl().resolve(ex.getRequestURI().toString()))
                .method(ex.getRequestMethod(), requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(requestBody));
        for (String h : List.of("Content-Type", "Authorization", "Accept")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                req.header(h, v);
            }
        }
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UpstreamUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        resp.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
        ex.sendResponseHeaders(resp.statusCode(), 0);  // chunked: the body streams as the replica produces it
        try (InputStream in = resp.body(); OutputStream out = ex.getResponseBody()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
