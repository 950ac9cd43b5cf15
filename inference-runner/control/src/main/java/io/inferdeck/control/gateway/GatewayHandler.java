package io.inferdeck.control.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The gateway's endpoints: {@code /health} (open), and behind its {@link Admission}: {@code /metrics} (the
 * gateway's families, then one engine's page), {@code /inferdeck/requests?limit=N}; every other path
 * ({@code /v1/...}, and engine-native ones such as {@code /tokenize}) is forwarded by {@link ProxyCall}, after
 * {@link RequestCompat} fitted the body to the engines ({@code GET /v1/models/{id}}: {@link ModelLookup}). Limits on
 * headers and bodies are checked here; every refusal is OpenAI's JSON error shape. Each admission ticket is closed
 * with the request's record as soon as it exists (here or in {@link ProxyCall}), and in any case when the request
 * ends (a ticket ignores a second close). Blocking handler: each request runs on its own virtual thread.
 */
final class GatewayHandler extends Handler.Abstract {
    static final String REQUESTS_PATH = "/inferdeck/requests";

    private final GatewayConfig config;
    private final UpstreamPool pool;
    private final GatewayMetrics metrics;
    private final RequestLog log;
    private final ProxyCall proxy;
    private final EngineMetricsPage enginePage;
    private final Admission admission;
    private final RequestCompat compat;
    private final ModelLookup models;

    GatewayHandler(GatewayConfig config, UpstreamPool pool, GatewayMetrics metrics, RequestLog log, ProxyCall proxy,
                   EngineMetricsPage enginePage, Admission admission, RequestCompat compat, ModelLookup models) {
        this.compat = compat;
        this.models = models;
        this.enginePage = enginePage;
        this.config = config;
        this.pool = pool;
        this.metrics = metrics;
        this.log = log;
        this.proxy = proxy;
        this.admission = admission;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long arrived = request.getHeadersNanoTime();   // when Jetty had the headers: includes any wait for a thread
        String path = request.getHttpURI().getPath();
        if (path.equals("/health")) {
            health(response, callback);
            return true;
        }
        boolean forwarded = !path.equals("/metrics") && !path.startsWith("/inferdeck/");
        if (request.getHeaders().size() > config.maxHeaderCount()) {
            refuse(request, response, callback, forwarded, Admission.PlainTicket.admitted(RequestRecord.NONE),
                    new Refusal(431, "more than " + config.maxHeaderCount() + " request headers", "headers_too_large"), arrived);
            return true;
        }
        Admission.Ticket ticket = admission.admit(request.getHeaders().get(HttpHeader.AUTHORIZATION), loopbackClient(request), forwarded);
        RequestRecord done = null;
        try {
            done = serve(request, response, callback, path, forwarded, ticket, arrived);
        } finally {
            ticket.close(Optional.ofNullable(done));
        }
        return true;
    }

    /** Answers an admitted (or refused) request; returns its record, or null for the gateway's own pages. */
    private RequestRecord serve(Request request, Response response, Callback callback, String path, boolean forwarded,
                                Admission.Ticket ticket, long arrived) throws Exception {
        if (ticket.refusal().isPresent()) {
            return refuse(request, response, callback, forwarded, ticket, ticket.refusal().get(), arrived);
        }
        if (forwarded) {
            if (ModelLookup.answers(request)) {
                models.answer(request, response, callback);
                return null;
            }
            Optional<byte[]> body = readBody(request);
            if (body.isEmpty()) {
                return refuse(request, response, callback, true, ticket, new Refusal(413,
                        "request body exceeds " + config.maxBodyBytes() + " bytes", "request_too_large"), arrived);
            }
            return switch (compat.check(request.getMethod(), path, new RequestBody(body.get()))) {
                case RequestCompat.Forward f -> proxy.run(request, response, callback, f.body(), ticket, arrived);
                case RequestCompat.Unsupported u -> {
                    RequestRecord r = proxy.refused(request, 400, ticket.keyId(), arrived);
                    ticket.close(Optional.of(r));
                    u.write(response, callback);
                    yield r;
                }
            };
        }
        if (path.equals("/metrics")) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
            try (var out = Content.Sink.asOutputStream(response)) {
                metrics.write(out);
                Optional<String> engine = enginePage.fetch();
                if (engine.isPresent()) {
                    out.write(engine.get().getBytes(StandardCharsets.UTF_8));
                }
            }
            callback.succeeded();
        } else if (path.equals(REQUESTS_PATH)) {
            int limit = limit(Request.extractQueryParameters(request));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, RequestRecordJson.page(log.latest(limit), log.capacity()), callback);
        } else {
            OpenAiErrors.write(response, callback, 404, "no such endpoint: " + path, "not_found");
        }
        return null;
    }

    /**
     * Writes {@code r}; a request that would have been forwarded is also logged and counted, and its ticket closed
     * with that record before the reply goes out (the record is returned).
     */
    private RequestRecord refuse(Request request, Response response, Callback callback, boolean forwarded,
                                 Admission.Ticket ticket, Refusal r, long arrived) {
        RequestRecord record = forwarded ? proxy.refused(request, r.status(), ticket.keyId(), arrived) : null;
        ticket.close(Optional.ofNullable(record));
        r.retryAfterSeconds().ifPresent(s -> response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(s)));
        // the body was not (fully) read: Jetty closes the connection after this answer, so say so, or a client
        // that reuses connections may send its next request into the closing socket and read nothing back
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        OpenAiErrors.write(response, callback, r.status(), r.message(), r.code());
        return record;
    }

    private static boolean loopbackClient(Request request) {
        return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a
                && a.getAddress() != null && a.getAddress().isLoopbackAddress();
    }

    /** The whole body, or empty when it is larger than the limit (declared or actual). */
    private Optional<byte[]> readBody(Request request) throws IOException {
        return Optional.ofNullable(BlockingSource.readAll(request, request.getLength(), config.maxBodyBytes()));
    }

    private void health(Response response, Callback callback) {
        long healthy = pool.healthyCount();
        if (healthy == 0) {
            OpenAiErrors.write(response, callback, 503, "no healthy upstream", "no_healthy_upstream");
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, "{\"status\":\"ok\",\"healthyUpstreams\":" + healthy + "}", callback);
    }

    private int limit(Fields query) {
        String v = query.getValue("limit");
        try {
            return v == null ? log.capacity() : Math.max(0, Math.min(log.capacity(), Integer.parseInt(v)));
        } catch (NumberFormatException e) {
            return log.capacity();
        }
    }
}
