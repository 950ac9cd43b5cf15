package io.inferdeck.control.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The gateway's endpoints: {@code /health} (open), and behind the bearer key when one is configured:
 * {@code /metrics} (the gateway's families, then one engine's page), {@code /inferdeck/requests?limit=N}; every
 * other path ({@code /v1/...}, and engine-native ones such as {@code /tokenize}) is forwarded by {@link ProxyCall},
 * after {@link RequestCompat} fitted the body to the engines ({@code GET /v1/models/{id}}: {@link ModelLookup}).
 * Limits on headers and bodies are checked here; every refusal is OpenAI's
 * JSON error shape. Blocking handler: each request runs on its own virtual thread.
 */
final class GatewayHandler extends Handler.Abstract {
    static final String REQUESTS_PATH = "/inferdeck/requests";

    private final GatewayConfig config;
    private final UpstreamPool pool;
    private final GatewayMetrics metrics;
    private final RequestLog log;
    private final ProxyCall proxy;
    private final EngineMetricsPage enginePage;
    private final RequestCompat compat;
    private final ModelLookup models;
    private final Optional<byte[]> expectedAuthorization;

    GatewayHandler(GatewayConfig config, UpstreamPool pool, GatewayMetrics metrics, RequestLog log, ProxyCall proxy,
                   EngineMetricsPage enginePage, RequestCompat compat, ModelLookup models) {
        this.compat = compat;
        this.models = models;
        this.enginePage = enginePage;
        this.config = config;
        this.pool = pool;
        this.metrics = metrics;
        this.log = log;
        this.proxy = proxy;
        this.expectedAuthorization = config.apiKey().map(k -> ("Bearer " + k).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long arrived = request.getHeadersNanoTime();   // when Jetty had the headers: includes any wait for a thread
        String path = request.getHttpURI().getPath();
        if (path.equals("/health")) {
            health(response, callback);
            return true;
        }
        Optional<Refusal> refusal = refusal(request);
        boolean forwarded = !path.equals("/metrics") && !path.startsWith("/inferdeck/");
        if (refusal.isEmpty() && forwarded) {
            if (ModelLookup.answers(request)) {
                models.answer(request, response, callback);
                return true;
            }
            Optional<byte[]> body = readBody(request);
            if (body.isPresent()) {
                switch (compat.check(request.getMethod(), path, body.get())) {
                    case RequestCompat.Forward f -> proxy.run(request, response, callback, f.body(), keyId(), arrived);
                    case RequestCompat.Unsupported u -> {
                        proxy.refused(request, 400, keyId(), arrived);
                        u.write(response, callback);
                    }
                }
                return true;
            }
            refusal = Optional.of(new Refusal(413, "request body exceeds " + config.maxBodyBytes() + " bytes", "request_too_large"));
        }
        if (refusal.isPresent()) {
            Refusal r = refusal.get();
            if (forwarded) {
                proxy.refused(request, r.status(), keyId(), arrived);
            }
            OpenAiErrors.write(response, callback, r.status(), r.message(), r.code());
        } else if (path.equals("/metrics")) {
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
        return true;
    }

    private record Refusal(int status, String message, String code) {
    }

    /** A reason to refuse before reading the body: a missing or wrong key, too many headers. */
    private Optional<Refusal> refusal(Request request) {
        if (request.getHeaders().size() > config.maxHeaderCount()) {
            return Optional.of(new Refusal(431, "more than " + config.maxHeaderCount() + " request headers", "headers_too_large"));
        }
        if (expectedAuthorization.isPresent()) {
            String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            byte[] bytes = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(bytes, expectedAuthorization.get())) {   // constant time: no timing oracle
                return Optional.of(new Refusal(401, "missing or invalid API key (Authorization: Bearer KEY)", "invalid_api_key"));
            }
        }
        return Optional.empty();
    }

    /** The whole body, or empty when it is larger than the limit (declared or actual). */
    private Optional<byte[]> readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > config.maxBodyBytes()) {
            return Optional.empty();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = Request.asInputStream(request)) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (body.size() + n > config.maxBodyBytes()) {
                    return Optional.empty();
                }
                body.write(buf, 0, n);
            }
        }
        return Optional.of(body.toByteArray());
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

    /** Key id for labels and the log: never the key itself. */
    private String keyId() {
        return config.apiKey().isPresent() ? "profile" : RequestRecord.NONE;
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
