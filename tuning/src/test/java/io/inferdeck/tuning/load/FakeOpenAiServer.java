package io.inferdeck.tuning.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * A real loopback HTTP server speaking OpenAI chat completion SSE, with scripted behaviour per request
 * number n (1-based, in arrival order): extra delay, faults, and a global stall gate. It tallies which
 * fault it served, so tests compare the generator's accounting against the server's.
 */
final class FakeOpenAiServer implements AutoCloseable {
    enum Fault { NONE, HTTP_503, HANG, MALFORMED, CUT, STREAM_ERROR }

    static {
        // The JDK server leaves Nagle on by default: each small SSE write would then wait for the client's
        // delayed ACK (~40 ms on Linux) and inter-token latencies would measure TCP, not the server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final AtomicLong requests = new AtomicLong();
    final Map<Fault, AtomicLong> served = new ConcurrentHashMap<>();
    volatile int tokens = 4;
    volatile long firstTokenMillis = 5;
    volatile long interTokenMillis = 2;
    volatile boolean usage = true;
    volatile long hangMillis = 3000;
    volatile LongFunction<Fault> faults = n -> Fault.NONE;
    volatile LongUnaryOperator extraDelayMillis = n -> 0;
    /** Requests arriving before this System.nanoTime value wait until it passes. */
    volatile long stallUntilNanos;
    volatile long stallFromNanos = Long.MAX_VALUE;
    volatile JsonNode lastRequest;

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/models", ex -> respond(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\"}]}"));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long served(Fault f) {
        return served.getOrDefault(f, new AtomicLong()).get();
    }

    private void chat(HttpExchange ex) throws IOException {
        try (ex) {
            long n = requests.incrementAndGet();
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            lastRequest = req;
            if (!req.path("stream").asBoolean(false) || !req.path("messages").isArray() || req.path("messages").isEmpty()) {
                respond(ex, 400, "{\"error\":{\"message\":\"bad request\"}}");
                return;
            }
            long arrived = System.nanoTime();
            if (arrived >= stallFromNanos) {
                sleepNanos(stallUntilNanos - arrived);
            }
            Fault fault = faults.apply(n);
            served.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
            if (fault == Fault.HTTP_503) {
                respond(ex, 503, "{\"error\":{\"message\":\"overloaded\"}}");
                return;
            }
            sleepNanos((firstTokenMillis + extraDelayMillis.applyAsLong(n)) * 1_000_000L);
            if (fault == Fault.HANG) {
                sleepNanos(hangMillis * 1_000_000L);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < tokens; i++) {
                if (i > 0) sleepNanos(interTokenMillis * 1_000_000L);
                event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"},\"finish_reason\":null}]}");
                if (i == 1 && fault == Fault.CUT) return; // ends the body without finish_reason or [DONE]
            }
            switch (fault) {
                case MALFORMED -> event(out, "{\"choices\":[{\"delta\":");
                case STREAM_ERROR -> event(out, "{\"error\":{\"message\":\"out of memory\"}}");
                default -> { }
            }
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");
            if (usage) {
                event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":" + tokens + "}}");
            }
            event(out, "[DONE]");
        } catch (IOException | RuntimeException e) {
            // The client went away (timeout/cancel); nothing to do.
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static void sleepNanos(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
