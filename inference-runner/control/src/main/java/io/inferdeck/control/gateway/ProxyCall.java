package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.Forwarder.Attempt;
import io.inferdeck.control.gateway.RequestRecord.Outcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
 * has reached the client yet (an upstream that refused the connection is ejected at once; a request cut off an
 * upstream the health check took out gets one more try), and records the
 * request in the metrics and the request log whatever happens. When no upstream is left and every try was
 * refused (nothing reached an engine), the request waits in the {@link UpstreamHold} for up to
 * {@link GatewayConfig#hold()} if an upstream is coming back (429 with Retry-After when too many wait already),
 * then is routed again; the wait counts as its queue time. Otherwise: 503 if they are all down (refused or
 * unhealthy), 502 if some accepted but failed to answer. Live safety ({@link SafetyGate}) screens the request
 * before anything else and its reply on the way back; then repeated deterministic completions are answered by the
 * {@link CacheFront} (keyed on the screened request) and forwarded replies are offered to it as the client got them.
 * Each way out closes the request's admission ticket with the one record it logged (what the request really used)
 * before the client sees the end of the reply, and returns that record. Stateless apart from its collaborators;
 * called concurrently from request threads.
 */
final class ProxyCall {
    private final UpstreamPool pool;
    private final Forwarder forwarder;
    private final GatewayMetrics metrics;
    private final RequestLog log;
    private final Clock clock;
    private final UpstreamHold hold;
    private final Duration holdFor;
    private final SafetyGate safety;
    private final CacheFront cache;

    ProxyCall(UpstreamPool pool, Forwarder forwarder, GatewayMetrics metrics, RequestLog log, Clock clock,
              UpstreamHold hold, Duration holdFor, SafetyGate safety, CacheFront cache) {
        this.safety = safety;
        this.cache = cache;
        this.hold = hold;
        this.holdFor = holdFor;
        this.pool = pool;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
    }

    /** Forwards the request admitted by {@code ticket}; returns the record it logged. */
    RequestRecord run(Request request, Response response, Callback callback, RequestBody body, Admission.Ticket ticket, long arrived)
            throws InterruptedException {
        var h = request.getHeaders();
        var uri = request.getHttpURI();
        Screening screen = safety.screen(ClientCall.of(request.getMethod(), uri.getPathQuery(),
                h.get(HttpHeader.CONTENT_TYPE), ticket.upstreamAuthorization(h.get(HttpHeader.AUTHORIZATION)),
                h.get(HttpHeader.ACCEPT), body, ticket.keyId(), arrived));
        ClientCall call = screen.call();   // live safety: PII masked; a blocked or held request ends here
        if (screen.refusal().isPresent()) {
            SafetyGate.Refusal no = screen.refusal().get();
            RequestRecord r = record(call.pathAndQuery(), call.model(), call.keyId(), no.status(), Outcome.REJECTED,
                    call.arrivedNanos(), screen);
            ticket.close(Optional.of(r));
            OpenAiErrors.write(response, callback, no.status(), no.message(), no.code());
            return r;
        }
        io.inferdeck.control.gateway.cache.Admission cached = cache.admit(call, request);
        Optional<RequestRecord> hit = cache.answered(cached, call, screen::finish, response, callback,   // finish: only on a hit
                r -> ticket.close(Optional.of(r)));
        if (hit.isPresent()) {
            return hit.get();   // a cache hit: no upstream asked
        }
        Response toClient = cache.recording(cached, request, response);
        List<Upstream> tried = new ArrayList<>();
        boolean onlyRefused = true;
        boolean cut = false;   // an earlier try was cut because its upstream was taken out of rotation
        long deadline = 0;   // set when the request first waits: the hold is one budget per request
        metrics.started();
        try {
            while (true) {
                Optional<Upstream> next = pool.pick(tried);
                if (next.isEmpty()) {
                    if (!onlyRefused || holdFor.isZero() || !pool.anyComingBack()) {
                        break;
                    }
                    if (deadline == 0) {
                        deadline = System.nanoTime() + holdFor.toNanos();
                    }
                    // leaves too when nothing is coming back any more (a replica gave up): the loop then answers 503
                    UpstreamHold.Result waited;
                    try (ClientWatch watch = ClientWatch.start(request, hold::changed)) {   // closed before anything is written
                        waited = hold.await(deadline, () -> pool.healthyCount() > 0 || !pool.anyComingBack(), watch::gone);
                    }
                    if (waited == UpstreamHold.Result.AVAILABLE) {
                        tried.clear();   // refused tries only: nothing reached an engine, so a retry is safe
                        continue;
                    }
                    if (waited != UpstreamHold.Result.EXPIRED) {
                        return leftTheHold(waited, call, screen, ticket, response, callback);
                    }
                    break;
                }
                Upstream u = next.get();
                long dispatched = System.nanoTime();
                u.begin();
                Attempt attempt;
                try {
                    attempt = forwarder.forward(u, call, screen, request, toClient, metrics);
                } finally {
                    u.end();
                }
                if (attempt instanceof Attempt.Answered a) {
                    cache.forwarded(cached, a, toClient);
                    RequestRecord r = finished(call, screen, u.id(), a, dispatched);
                    ticket.close(Optional.of(r));   // before the client sees the end: its next request finds the place free
                    a.complete(response, callback);   // its tail, if any, was recorded for the cache: not through toClient
                    return r;
                }
                Attempt.Retry retry = (Attempt.Retry) attempt;
                metrics.upstreamError(u, retry.reason());
                if (retry.refused()) {
                    u.eject();
                } else {
                    onlyRefused = false;
                }
                tried.add(u);
                if (cut) {
                    break;   // a request cut off a stopped upstream gets one more try, not more
                }
                cut = retry.cut();
            }
        } finally {
            metrics.finished();
            cache.release(cached);   // a leading miss that stored nothing lets the identical requests waiting for it go on
        }
        int status = onlyRefused ? 503 : 502;
        RequestRecord r = record(call.pathAndQuery(), call.model(), call.keyId(), status, Outcome.REJECTED,
                call.arrivedNanos(), screen);
        ticket.close(Optional.of(r));
        OpenAiErrors.write(response, callback, status, onlyRefused ? "no healthy upstream"
                : "every upstream failed to answer", onlyRefused ? "no_healthy_upstream" : "upstream_failed");
        return r;
    }

    /** A request that did not get to wait (429: too many waiting) or whose client left while it waited (499, logged only). */
    private RequestRecord leftTheHold(UpstreamHold.Result waited, ClientCall call, Screening screen, Admission.Ticket ticket,
                                      Response response, Callback callback) {
        if (waited == UpstreamHold.Result.CLIENT_GONE) {
            RequestRecord r = record(call.pathAndQuery(), call.model(), call.keyId(), 499, Outcome.ABORTED,
                    call.arrivedNanos(), screen);
            ticket.close(Optional.of(r));
            callback.failed(new IOException("client left while waiting for an upstream"));
            return r;
        }
        long retryAfter = Math.max(1, (holdFor.toMillis() + 999) / 1000);   // by then an upstream is back or the hold would have expired
        RequestRecord r = record(call.pathAndQuery(), call.model(), call.keyId(), 429, Outcome.REJECTED,
                call.arrivedNanos(), screen);
        ticket.close(Optional.of(r));
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter));
        OpenAiErrors.write(response, callback, 429, "no upstream is ready and too many requests are waiting for one",
                "upstream_restarting");
        return r;
    }

    /** Logs and counts a request the gateway refused before forwarding. */
    RequestRecord refused(Request request, int status, String keyId, long arrived) {
        return record(request.getHttpURI().getPathQuery(), "default", keyId, status, Outcome.REJECTED, arrived, null);
    }

    /** @param screen null when the request was refused before it was screened */
    private RequestRecord record(String path, String model, String keyId, int status, Outcome outcome, long arrived,
                                 Screening screen) {
        RequestRecord r = new RequestRecord(clock.instant(), path, keyId, RequestRecord.NONE, model, status,
                outcome, 0, OptionalDouble.empty(), (System.nanoTime() - arrived) / 1e6, 0, 0, false, false,
                screen == null ? RequestRecord.NONE : screen.finish(), screen == null ? Optional.empty() : screen.prompt(),
                Optional.empty());
        metrics.record(r, GatewayMetrics.NO_GAPS);
        log.add(r);
        return r;
    }

    private RequestRecord finished(ClientCall call, Screening screen, String upstream, Attempt.Answered a, long dispatched) {
        ReplyMeter m = a.meter();
        long end = System.nanoTime();
        RequestRecord r = new RequestRecord(clock.instant(), call.pathAndQuery(), call.keyId(), upstream, call.model(),
                a.status(), a.outcome(), (dispatched - call.arrivedNanos()) / 1e6, m.ttftMs(),
                (end - call.arrivedNanos()) / 1e6, m.promptTokens().orElse(call.estimatedPromptTokens()),
                m.completionTokens(), !m.usageReported(), false, screen.finish(), screen.prompt(), screen.completion());
        metrics.record(r, m.interTokenSeconds());
        log.add(r);
        return r;
    }
}
