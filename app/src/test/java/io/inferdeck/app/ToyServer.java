package io.inferdeck.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The loopback engine the sample "toy" engine plugin attaches to: {@code GET /toy/health} and an OpenAI chat
 * completion, recording what reached it ("METHOD path"), so a test can tell what the gateway let through.
 */
final class ToyServer implements AutoCloseable {
    static final String CHAT = "{\"id\":\"toy-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"toy says hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,\"total_tokens\":6}}";
    final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    ToyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            received.add(ex.getRequestMethod() + " " + path);
            byte[] body = path.equals("/v1/chat/completions") ? CHAT.getBytes(StandardCharsets.UTF_8)
                    : path.equals("/toy/health") ? "{}".getBytes(StandardCharsets.UTF_8) : null;
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                ex.getResponseBody().write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
