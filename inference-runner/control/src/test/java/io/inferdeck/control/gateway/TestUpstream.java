package io.inferdeck.control.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback engine that speaks OpenAI's chat API: {@code /health}, {@code /v1/models} and
 * {@code /v1/chat/completions} (JSON or SSE). What it does is set per test: {@code delayMs} (or the request's {@code delay_ms}) before the
 * reply (the latency the gateway must measure), {@code tokens} and {@code tokenGapMs} for streams,
 * {@code usage} on or off, {@code hang} (accept, never answer, health included), {@code deltas} (the reply's
 * text pieces, one per streamed event, instead of t0, t1, ...) and {@code beforeFinish} (a stream waits on it
 * after its text, before it finishes), {@code beforeReply} (a chat request, once counted, waits on it before it
 * answers) and {@code failing} (that many next chat requests are answered 500). It counts the chat requests it received, records every request body
 * ({@link #bodies}, health checks aside) and notices a client that went away mid-stream ({@link #disconnected}).
 */
final class TestUpstream implements AutoCloseable {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** A request may carry its own delay ({@code "delay_ms":N}, ignored by real engines as an unknown field). */
    private static final java.util.regex.Pattern DELAY = java.util.regex.Pattern.compile("\"delay_ms\":(\\d+)");
    final String name;
    volatile long delayMs;
    volatile int tokens = 3;
    volatile long tokenGapMs = 5;
    volatile boolean usage = true;
    volatile boolean hang;
    volatile java.util.List<String> deltas;
    volatile CountDownLatch beforeFinish;
    volatile CountDownLatch beforeReply;
    final AtomicInteger failing = new AtomicInteger();
    final java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger chats = new AtomicInteger();
    /** The body of the last chat request received, as it arrived. */
    volatile String lastChatBody;
    /** The Authorization header of the last chat request ("" when it had none): what the gateway passed on. */
    volatile String lastAuthorization;
    final CountDownLatch disconnected = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch released = new CountDownLatch(1);

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // small SSE events must not wait on Nagle
    }

    TestUpstream(String name) throws IOException {
        this(name, 0);
    }

    /** Listening on {@code port} (0 = any free one): a test can bring an upstream back where it was. */
    TestUpstream(String name, int port) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (hang) {
                released.await();   // holds the connection open without a byte until close()
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/health")) {
                bodies.add(body);
            }
            if (path.equals("/health")) {
                send(ex, 200, "application/json", "{\"status\":\"ok\"}");
            } else if (path.startsWith("/v1/models")) {
                send(ex, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"" + name + "\",\"object\":\"model\"}]}");
            } else if (path.equals("/v1/chat/completions")) {
                lastChatBody = body;
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                lastAuthorization = auth == null ? "" : auth;
                chats.incrementAndGet();
                CountDownLatch gate = beforeReply;
                if (gate != null) {
                    gate.await(10, java.util.concurrent.TimeUnit.SECONDS);   // a test that never opens it fails on its own
                }
                if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    send(ex, 500, "application/json", "{\"error\":{\"message\":\"engine failed\"}}");
                    return;
                }
                java.util.regex.Matcher delay = DELAY.matcher(body);
                Thread.sleep(delay.find() ? Long.parseLong(delay.group(1)) : delayMs);
                if (body.contains("\"stream\":true")) {
                    stream(ex);
                } else {
                    send(ex, 200, "application/json", "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"" + name
                            + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quoted(wholeText())
                            + "},\"finish_reason\":\"stop\"}]" + usageJson() + "}");
                }
            } else {
                send(ex, 404, "application/json", "{\"error\":{\"message\":\"nope\"}}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String usageJson() {
        return usage ? ",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":" + tokens + ",\"total_tokens\":" + (7 + tokens) + "}" : "";
    }

    private void stream(HttpExchange ex) throws IOException, InterruptedException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            java.util.List<String> pieces = deltas;
            int n = pieces == null ? tokens : pieces.size();
            for (int i = 0; i < n; i++) {
                String content = pieces == null ? "t" + i : pieces.get(i);
                event(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                        + quoted(content) + "}}]}");
                Thread.sleep(tokenGapMs);
            }
            CountDownLatch gate = beforeFinish;
            if (gate != null) {
                gate.await(10, java.util.concurrent.TimeUnit.SECONDS);   // a test that never opens it fails on its own
            }
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]" + usageJson() + "}");
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            disconnected.countDown();   // the gateway closed the connection: the engine's slot is free again
        }
    }

    private String wholeText() {
        java.util.List<String> pieces = deltas;
        return pieces == null ? "ab".repeat(tokens * 2) : String.join("", pieces);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Stops listening: new connections are refused from now on. */
    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
