package io.inferdeck.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inferdeck.runner.CompletionRequest.Kind;
import io.inferdeck.runner.RunnerMetrics.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runner's HTTP API on the JDK's built-in server: /health (no key), /metrics, /v1/models,
 * /v1/chat/completions, /v1/completions, /tokenize. Every failure answers in OpenAI's error JSON and the process
 * keeps serving. Requests run on named platform threads ("runner-http-N"), because generation blocks
 * in native code; admission ({@link SlotGate}) bounds how many of them do real work.
 */
final class ApiServer {
    /** Largest accepted request body; a full-context prompt is far smaller. */
    static final int MAX_BODY_BYTES = 8 << 20;

    private final HttpServer server;
    private final ExecutorService pool;
    private final RunnerState state;
    private final RunnerMetrics metrics;
    private final SlotGate gate;
    private final BearerAuth auth;
    private final RequestParser parser = new RequestParser();
    private final TokenizeEndpoint tokenize = new TokenizeEndpoint(parser);

    private ApiServer(HttpServer server, ExecutorService pool, RunnerState state, RunnerMetrics metrics, SlotGate gate,
                      BearerAuth auth) {
        this.server = server;
        this.pool = pool;
        this.state = state;
        this.metrics = metrics;
        this.gate = gate;
        this.auth = auth;
    }

    static ApiServer start(String host, int port, RunnerState state, RunnerMetrics metrics, SlotGate gate, BearerAuth auth)
            throws IOException {
        // Without TCP_NODELAY, small SSE chunks wait for delayed ACKs (tens of ms per token).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runner-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ApiServer api = new ApiServer(server, pool, state, metrics, gate, auth);
        server.createContext("/", api::handle);
        server.setExecutor(pool);
        server.start();
        return api;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening, lets exchanges finish for up to {@code graceSeconds}, then closes what is left. */
    void stop(int graceSeconds) {
        server.stop(graceSeconds);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        long t0 = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        Kind kind = switch (path) {
            case "/v1/chat/completions" -> Kind.CHAT;
            case "/v1/completions" -> Kind.TEXT;
            default -> null;
        };
        try {
            if (path.equals("/health")) {
                requireMethod(ex, "GET");
                health(ex);
                return;
            }
            if (!auth.permits(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                throw ApiError.unauthorized();
            }
            switch (path) {
                case "/metrics" -> {
                    requireMethod(ex, "GET");
                    ByteArrayOutputStream buf = new ByteArrayOutputStream(16 << 10);
                    metrics.writeTo(buf);
                    send(ex, 200, metrics.contentType(), buf.toByteArray());
                }
                case "/v1/models" -> {
                    requireMethod(ex, "GET");
                    requireReady();
                    sendJson(ex, 200, state.card().modelsJson());
                }
                case "/tokenize" -> {
                    requireMethod(ex, "POST");
                    requireReady();
                    sendJson(ex, 200, tokenize.answer(readBody(ex), state.service().engine()));
                }
                default -> {
                    if (kind == null) {
                        throw ApiError.notFound(path);
                    }
                    requireMethod(ex, "POST");
                    requireReady();
                    CompletionRequest req = parser.parse(readBody(ex), kind);
                    metrics.count(state.service().run(req, t0, new ExchangeSink(ex)));
                }
            }
        } catch (ApiError e) {
            if (kind != null) {
                metrics.count(e.status == 401 || e.status == 429 || e.status == 503 ? Outcome.REJECTED : Outcome.ERROR);
            }
            trySendJson(ex, e.status, e.toJson());
        } catch (IOException e) {
            if (kind != null) {
                metrics.count(Outcome.CANCELLED); // the client went away before the response was complete
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (kind != null) {
                metrics.count(Outcome.CANCELLED);
            }
        } catch (RuntimeException e) {
            RunnerLog.error("unexpected failure on " + path + ": " + e);
            if (kind != null) {
                metrics.count(Outcome.ERROR);
            }
            trySendJson(ex, 500, ApiError.internal().toJson());
        } finally {
            ex.close();
        }
    }

    private void health(HttpExchange ex) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        switch (state.phase()) {
            case LOADING -> sendJson(ex, 503, body.put("status", "loading"));
            case STOPPING -> sendJson(ex, 503, body.put("status", "stopping"));
            case READY -> {
                ModelCard c = state.card();
                body.put("status", "ok").put("model", c.id()).put("backend", c.backend())
                        .put("slots_total", gate.slots()).put("slots_busy", gate.running())
                        .put("requests_waiting", gate.waiting());
                sendJson(ex, 200, body);
            }
        }
    }

    private void requireReady() throws ApiError {
        switch (state.phase()) {
            case LOADING -> throw ApiError.unavailable("The model is still loading; poll /health until it returns 200.");
            case STOPPING -> throw ApiError.unavailable("The runner is shutting down.");
            case READY -> { }
        }
    }

    private static void requireMethod(HttpExchange ex, String method) throws ApiError {
        if (!ex.getRequestMethod().equals(method)) {
            ex.getResponseHeaders().set("Allow", method);
            throw ApiError.methodNotAllowed(ex.getRequestMethod(), ex.getRequestURI().getPath());
        }
    }

    private static byte[] readBody(HttpExchange ex) throws IOException, ApiError {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw ApiError.tooLarge(MAX_BODY_BYTES);
            }
            return body;
        }
    }

    static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void trySendJson(HttpExchange ex, int status, JsonNode body) {
        try {
            sendJson(ex, status, body);
        } catch (IOException | RuntimeException e) {
            // headers already sent or client gone: nothing more to tell it
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@link CompletionService.Sink} over one exchange; SSE events are flushed one by one. */
    private record ExchangeSink(HttpExchange ex) implements CompletionService.Sink {
        @Override
        public void json(int status, JsonNode body) throws IOException {
            sendJson(ex, status, body);
        }

        @Override
        public void startEvents() throws IOException {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
        }

        @Override
        public void event(String data) throws IOException {
            OutputStream out = ex.getResponseBody();
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
