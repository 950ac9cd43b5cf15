package io.inferdeck.runner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.runner.CompletionRequest.Kind;
import io.inferdeck.runner.RunnerMetrics.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The endpoints: /health (no key), /metrics, /v1/models, /v1/chat/completions, /v1/completions, /tokenize.
 * Checks run cheapest first: Host/Origin ({@link BrowserGuard}), key, method, Content-Type, body size, JSON
 * and input limits; the chat template and the tokenizer run only once {@link SlotGate} admitted the request
 * ({@link CompletionService}). Every failure answers in OpenAI's error JSON and serving continues.
 * Blocking: each call holds its pool thread until the response is written. Thread-safe.
 */
final class ApiHandler extends Handler.Abstract {
    private final RunnerState state;
    private final RunnerMetrics metrics;
    private final SlotGate gate;
    private final BearerAuth auth;
    private final BrowserGuard guard;
    private final int maxBodyBytes;
    private final RequestParser parser;
    private final TokenizeEndpoint tokenize;

    ApiHandler(RunnerState state, RunnerMetrics metrics, SlotGate gate, BearerAuth auth, BrowserGuard guard, int maxBodyBytes,
               InputLimits inputs) {
        this.state = state;
        this.metrics = metrics;
        this.gate = gate;
        this.auth = auth;
        this.guard = guard;
        this.maxBodyBytes = maxBodyBytes;
        this.parser = new RequestParser(inputs);
        this.tokenize = new TokenizeEndpoint(parser, inputs);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        JettyExchange ex = new JettyExchange(request, response);
        serve(ex);
        try {
            ex.finish();
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
        }
        return true;
    }

    private void serve(JettyExchange ex) {
        long t0 = System.nanoTime();
        String path = ex.path();
        Kind kind = switch (path) {
            case "/v1/chat/completions" -> Kind.CHAT;
            case "/v1/completions" -> Kind.TEXT;
            default -> null;
        };
        try {
            String origin = ex.header("Origin");
            guard.check(ex.header("Host"), origin);
            if (origin != null) {
                ex.setHeader("Access-Control-Allow-Origin", origin);
                ex.setHeader("Vary", "Origin");
                if (ex.method().equals("OPTIONS")) {
                    preflight(ex);
                    return;
                }
            }
            if (path.equals("/health")) {
                requireMethod(ex, "GET");
                health(ex);
                return;
            }
            if (!auth.permits(ex.header("Authorization"))) {
                ex.setHeader("WWW-Authenticate", "Bearer");
                throw ApiError.unauthorized();
            }
            route(ex, path, kind, t0);
        } catch (ApiError e) {
            if (kind != null) {
                metrics.count(switch (e.status) {
                    case 401, 403, 429, 503 -> Outcome.REJECTED;
                    default -> Outcome.ERROR;
                });
            }
            trySendJson(ex, e);
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
            trySendJson(ex, ApiError.internal());
        }
    }

    private void route(JettyExchange ex, String path, Kind kind, long t0) throws ApiError, IOException, InterruptedException {
        switch (path) {
            case "/metrics" -> {
                requireMethod(ex, "GET");
                ByteArrayOutputStream buf = new ByteArrayOutputStream(16 << 10);
                metrics.writeTo(buf);
                ex.send(200, metrics.contentType(), buf.toByteArray());
            }
            case "/v1/models" -> {
                requireMethod(ex, "GET");
                requireReady();
                ex.json(200, state.card().modelsJson());
            }
            case "/tokenize" -> {
                requireMethod(ex, "POST");
                requireReady();
                ex.json(200, tokenize.answer(ex.readBody(maxBodyBytes), state.service().engine()));
            }
            default -> {
                if (kind == null) {
                    throw ApiError.notFound(path);
                }
                requireMethod(ex, "POST");
                requireReady();
                CompletionRequest req = parser.parse(ex.readBody(maxBodyBytes), kind);
                metrics.count(state.service().run(req, t0, ex));
            }
        }
    }

    /** CORS preflight from an allowed origin (others were refused by the guard). */
    private static void preflight(JettyExchange ex) throws IOException {
        ex.setHeader("Access-Control-Allow-Methods", "GET, POST");
        ex.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ex.setHeader("Access-Control-Max-Age", "600");
        ex.send(204, "text/plain", new byte[0]);
    }

    private void health(JettyExchange ex) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        switch (state.phase()) {
            case LOADING -> ex.json(503, body.put("status", "loading"));
            case STOPPING -> ex.json(503, body.put("status", "stopping"));
            case READY -> {
                ModelCard c = state.card();
                body.put("status", "ok").put("model", c.id()).put("backend", c.backend())
                        .put("slots_total", gate.slots()).put("slots_busy", gate.running())
                        .put("requests_waiting", gate.waiting());
                ex.json(200, body);
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

    /** The method check, and for POST the media type: a browser sends text/plain cross-site without asking first. */
    private static void requireMethod(JettyExchange ex, String method) throws ApiError {
        if (!ex.method().equals(method)) {
            ex.setHeader("Allow", method);
            throw ApiError.methodNotAllowed(ex.method(), ex.path());
        }
        if (method.equals("POST")) {
            String type = ex.header("Content-Type");
            if (!io.inferdeck.common.net.BrowserGuard.isJson(type)) {
                throw ApiError.unsupportedMediaType(type);
            }
        }
    }

    private static void trySendJson(JettyExchange ex, ApiError e) {
        if (ex.committed()) {
            return; // headers already sent: nothing more to tell the client
        }
        try {
            ex.json(e.status, e.toJson());
        } catch (IOException | RuntimeException ignored) {
            // client gone
        }
    }
}
