package io.inferdeck.control.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import io.inferdeck.common.net.BrowserGuard;
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
 * headers and bodies are checked here, and first of all the {@link BrowserGuard} (the runner's rule: a {@code Host}
 * that is not the bound address or a loopback name, any {@code Origin}, and a text/plain or form POST are refused,
 * so neither a cross-site page nor DNS rebinding can drive a key-less loopback gateway); every refusal is OpenAI's
 * JSON error shape. Each admission ticket is closed
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
    private final BrowserGuard browser;

    GatewayHandler(GatewayConfig config, UpstreamPool pool, GatewayMetrics metrics, RequestLog log, ProxyCall proxy,
                   EngineMetricsPage enginePage, Admission admission, RequestCompat compat, ModelLookup models) {
        this.compat = compat;
        this.models = models;
        this.browser = new BrowserGuard(config.host(), List.of());   // no browser origin may call a gateway
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
        boolean forwarded = !path.equals("/metrics") && !path.startsWith("/inferdeck/");
        Optional<Refusal> browserCall = browserCall(request);
        if (browserCall.isPresent()) {
            refuse(request, response, callback, forwarded, Admission.PlainTicket.admitted(RequestRecord.NONE),
                    browserCall.get(), arrived);
            return true;
        }
        if (path.equals("/health")) {
            health(response, callback);
            return true;
        }
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

    /**
     * A request a web page could have made the operator's browser send: a foreign {@code Host} (DNS rebinding), an
     * {@code Origin} (cross-site), or a POST in one of the media types a page may send cross-site without a
     * preflight (text/plain, form encoding). A POST without a Content-Type is forwarded as JSON.
     */
    private Optional<Refusal> browserCall(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        Optional<BrowserGuard.Problem> problem = browser.check(host, origin);
        if (problem.isPresent()) {
            return Optional.of(switch (problem.get()) {
                case HOST_NOT_ALLOWED -> new Refusal(403, "Host '" + host + "' is not this gateway's address; requests "
                        + "must name " + browser.boundHost() + " or a loopback name (DNS-rebinding protection)",
                        "host_not_allowed");
                case ORIGIN_NOT_ALLOWED -> new Refusal(403, "Cross-origin requests from " + origin + " are refused: a "
                        + "web page may not call the gateway directly; call it from the page's own server", "origin_not_allowed");
            });
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (request.getMethod().equals("POST") && type != null && !BrowserGuard.isJson(type)
                && !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.of(new Refusal(415, "Content-Type '" + type + "' is not supported: send application/json",
                    "unsupported_media_type"));
        }
        return Optional.empty();
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
