package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.Forwarder.Attempt;
import io.inferdeck.control.gateway.RequestRecord.Outcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes one {@code /v1/} request: picks the least-busy healthy upstream, tries the next one while nothing
 * has reached the client yet (an upstream that refused the connection is ejected at once), and records the
 * request in the metrics and the request log whatever happens. When no upstream is left: 503 if they are
 * all down (refused or unhealthy), 502 if some accepted but failed to answer. Stateless apart from its
 * collaborators; called concurrently from request threads.
 */
final class ProxyCall {
    private final UpstreamPool pool;
    private final Forwarder forwarder;
    private final GatewayMetrics metrics;
    private final RequestLog log;
    private final Clock clock;

    ProxyCall(UpstreamPool pool, Forwarder forwarder, GatewayMetrics metrics, RequestLog log, Clock clock) {
        this.pool = pool;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
    }

    void run(Request request, Response response, Callback callback, byte[] body, String keyId, long arrived)
            throws InterruptedException {
        var h = request.getHeaders();
        var uri = request.getHttpURI();
        ClientCall call = ClientCall.of(request.getMethod(), uri.getPathQuery(), h.get(HttpHeader.CONTENT_TYPE),
                h.get(HttpHeader.AUTHORIZATION), h.get(HttpHeader.ACCEPT), body, keyId, arrived);
        List<Upstream> tried = new ArrayList<>();
        boolean onlyRefused = true;
        metrics.started();
        try {
            for (Optional<Upstream> next = pool.pick(tried); next.isPresent(); next = pool.pick(tried)) {
                Upstream u = next.get();
                long dispatched = System.nanoTime();
                u.begin();
                Attempt attempt;
                try {
                    attempt = forwarder.forward(u, call, request, response, metrics);
                } finally {
                    u.end();
                }
                if (attempt instanceof Attempt.Answered a) {
                    finished(call, u.id(), a, dispatched);
                    a.complete(callback);
                    return;
                }
                Attempt.Retry retry = (Attempt.Retry) attempt;
                metrics.upstreamError(u, retry.reason());
                if (retry.refused()) {
                    u.eject();
                } else {
                    onlyRefused = false;
                }
                tried.add(u);
            }
        } finally {
            metrics.finished();
        }
        int status = onlyRefused ? 503 : 502;
        record(call.pathAndQuery(), call.model(), keyId, status, arrived);
        OpenAiErrors.write(response, callback, status, onlyRefused ? "no healthy upstream"
                : "every upstream failed to answer", onlyRefused ? "no_healthy_upstream" : "upstream_failed");
    }

    /** Logs and counts a request the gateway refused before forwarding. */
    void refused(Request request, int status, String keyId, long arrived) {
        record(request.getHttpURI().getPathQuery(), "default", keyId, status, arrived);
    }

    private void record(String path, String model, String keyId, int status, long arrived) {
        RequestRecord r = new RequestRecord(clock.instant(), path, keyId, RequestRecord.NONE, model, status,
                Outcome.REJECTED, 0, OptionalDouble.empty(), (System.nanoTime() - arrived) / 1e6, 0, 0, false);
        metrics.record(r, new double[0]);
        log.add(r);
    }

    private void finished(ClientCall call, String upstream, Attempt.Answered a, long dispatched) {
        ReplyMeter m = a.meter();
        long end = System.nanoTime();
        RequestRecord r = new RequestRecord(clock.instant(), call.pathAndQuery(), call.keyId(), upstream, call.model(),
                a.status(), a.outcome(), (dispatched - call.arrivedNanos()) / 1e6, m.ttftMs(),
                (end - call.arrivedNanos()) / 1e6, m.promptTokens().orElse(call.estimatedPromptTokens()),
                m.completionTokens(), !m.usageReported());
        metrics.record(r, m.interTokenSeconds());
        log.add(r);
    }
}
