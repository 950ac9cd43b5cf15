package io.inferdeck.control.supervisor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test engine on 127.0.0.1 answering fixed bodies per path (an engine's documented API shapes), with
 * one switchable health path and a record of what it received. Never reachable off the machine.
 */
final class LoopbackEngine implements AutoCloseable {
    record Route(String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final String healthPath;
    private final String requiredKey;
    final List<String> received = new CopyOnWriteArrayList<>();
    /** The User-Agent of each request to the health path: which client (prober) sent it. */
    final List<String> healthAgents = new CopyOnWriteArrayList<>();

    /** @param requiredKey when not null every path answers 401 without {@code Authorization: Bearer requiredKey} */
    LoopbackEngine(String healthPath, String requiredKey) throws IOException {
        this.healthPath = healthPath;
        this.requiredKey = requiredKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                if (path.equals(healthPath)) {
                    healthAgents.add(String.valueOf(ex.getRequestHeaders().getFirst("User-Agent")));
                }
                received.add(ex.getRequestMethod() + " " + path + " " + new String(ex.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                if (requiredKey != null && !("Bearer " + requiredKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                if (path.equals(healthPath) && healthStatus.get() != 200) {
                    ex.sendResponseHeaders(healthStatus.get(), -1);
                    return;
                }
                Route r = routes.get(path);
                if (r == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", r.contentType());
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        route(healthPath, "text/plain", "");
        server.start();
    }

    LoopbackEngine route(String path, String contentType, String body) {
        routes.put(path, new Route(contentType, body));
        return this;
    }

    void health(int status) {
        healthStatus.set(status);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
