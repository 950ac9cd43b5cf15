package io.inferdeck.safety.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback stand-in for an engine serving Llama Guard 3 over the OpenAI-compatible chat endpoint: each
 * POST to {@code /v1/chat/completions} is answered as the current {@link Mode} says (a chat completion whose
 * message content is the model's text, an HTTP error, a reply that never finishes in time, a huge body).
 * Records each request's JSON body and Authorization header.
 */
final class GuardTestServer implements AutoCloseable {
    enum Mode { ANSWER, STATUS_500, SLOW, HUGE }

    record Seen(String body, String authorization) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.ANSWER;
    volatile String answer = "safe";

    GuardTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        seen.add(new Seen(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                ex.getRequestHeaders().getFirst("Authorization")));
        switch (mode) {
            case STATUS_500 -> send(ex, 500, "{\"error\":\"boom\"}".getBytes(StandardCharsets.UTF_8));
            case SLOW -> {
                try {
                    closing.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, completion("safe"));
            }
            case HUGE -> send(ex, 200, completion("safe\n" + "x".repeat(200_000)));
            case ANSWER -> send(ex, 200, completion(answer));
        }
    }

    private static byte[] completion(String content) throws IOException {
        var root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
        var choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        return JSON.writeValueAsBytes(root);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            ex.close(); // the client gave up (timeout, size cap): nothing to answer
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
