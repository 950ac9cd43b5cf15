package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.RequestRecord.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends one client request to one upstream and streams the reply back as it arrives (SSE stays live),
 * metering it on the way ({@link ReplyRelay}). Until the upstream's response headers arrive nothing has been sent
 * to the client, so a failure then is a {@link Attempt.Retry}; after that the reply is the client's, whatever
 * happens. A client that goes away aborts the upstream request, which closes its connection so the
 * engine frees the slot. While in flight the call is registered with its upstream ({@link InFlightCalls}): taking
 * the upstream out of rotation ends the wait for the first byte at once (a {@link Attempt.Retry}) or cuts a reply
 * that already started (an upstream error), instead of waiting for the timeouts. Blocking: runs on the request's
 * virtual thread.
 */
final class Forwarder {
    /** The upstream-error reason of a call ended because its upstream was taken out of rotation. */
    static final String UNHEALTHY = "unhealthy";

    /** What one try on one upstream came to. */
    sealed interface Attempt {
        /** Nothing reached the client: another upstream may take the request. {@code reason} labels the error. */
        record Retry(String reason) implements Attempt {
            boolean refused() {
                return reason.equals("refused");
            }

            /** Its upstream was taken out of rotation while it waited for the first byte ({@link InFlightCalls}). */
            boolean cut() {
                return reason.equals(UNHEALTHY);
            }
        }

        /**
         * The reply (complete or not) went to the client, but for its end: the caller finishes the response with
         * {@link #complete} once it has recorded the request, so a client that saw the end of its reply finds the
         * request in /metrics and the log.
         *
         * @param tail the reply's last bytes, held back to go out with its end; null when all was written
         */
        record Answered(int status, Outcome outcome, ReplyMeter meter, Content.Chunk tail) implements Attempt {
            Answered(int status, Outcome outcome, ReplyMeter meter) {
                this(status, outcome, meter, null);
            }

            /** Ends the response to the client: its last bytes and end, or, for a failed reply, cuts the client off. */
            void complete(Response response, Callback callback) {
                switch (outcome) {
                    case ERROR, ABORTED -> {
                        if (tail != null) {
                            tail.release();
                        }
                        callback.failed(new IOException("reply " + outcome.label()));   // cuts the client off
                    }
                    default -> {
                        if (tail == null) {
                            callback.succeeded();   // Jetty writes the end of the body
                        } else {
                            response.write(true, tail.getByteBuffer(), Callback.from(tail::release, callback));
                        }
                    }
                }
            }
        }
    }

    private final HttpClient client;
    private final GatewayConfig config;

    Forwarder(HttpClient client, GatewayConfig config) {
        this.client = client;
        this.config = config;
    }

    Attempt forward(Upstream u, ClientCall call, Screening screen, Request clientRequest, Response response,
                    GatewayMetrics metrics) throws InterruptedException {
        var upstreamRequest = client.newRequest(u.baseUrl().resolve(call.pathAndQuery())).method(call.method())
                .idleTimeout(config.streamIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> {
                    h.put(HttpHeader.HOST, u.baseUrl().getRawAuthority());   // else Jetty builds the request's URI for it
                    if (call.authorization() != null) {
                        h.put(HttpHeader.AUTHORIZATION, call.authorization());
                    }
                    if (call.accept() != null) {
                        h.put(HttpHeader.ACCEPT, call.accept());
                    }
                });
        byte[] body = call.body().bytes();
        if (body.length > 0) {
            upstreamRequest.body(new BodyContent(call.contentType() == null ? "application/json" : call.contentType(), body));
        }
        CompletableFuture<Head> headers = new CompletableFuture<>();
        try (InFlightCalls.Handle tracked = u.calls().add(why -> {
            headers.completeExceptionally(why);   // no effect once the headers were there: the abort fails the body
            upstreamRequest.abort(why);
        })) {
            if (!u.healthy()) {
                return new Attempt.Retry(UNHEALTHY);   // taken out between the pick and now: nothing was sent
            }
            return send(u, call, screen, clientRequest, response, metrics, upstreamRequest, headers);
        }
    }

    private Attempt send(Upstream u, ClientCall call, Screening screen, Request clientRequest, Response response,
                         GatewayMetrics metrics, org.eclipse.jetty.client.Request upstreamRequest,
                         CompletableFuture<Head> headers) throws InterruptedException {
        upstreamRequest.onResponseContentSource((r, source) -> headers.complete(new Head(r, source)));
        upstreamRequest.send((Result result) -> {
            if (result.isFailed()) {
                headers.completeExceptionally(result.getFailure());   // no effect once the headers were there
            }
        });
        Head head;
        try {
            head = headers.get(config.firstByteTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            upstreamRequest.abort(e);
            return new Attempt.Retry("timeout");
        } catch (ExecutionException e) {
            return new Attempt.Retry(reason(e.getCause()));
        } catch (InterruptedException e) {
            upstreamRequest.abort(e);
            throw e;
        }
        clientRequest.addFailureListener(upstreamRequest::abort);   // client gone while the upstream is silent
        int status = head.response().getStatus();
        response.setStatus(status);
        String contentType = head.response().getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        String cacheControl = head.response().getHeaders().get(HttpHeader.CACHE_CONTROL);
        if (cacheControl != null) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
        }
        ReplyMeter meter = new ReplyMeter(contentType, call.arrivedNanos());
        Optional<ReplyOutput> filter = screen.reply(response, contentType);
        ReplyRelay.Result relayed = filter.isPresent()
                ? ReplyRelay.filtered(head.body(), filter.get(), meter, upstreamRequest::abort)
                // an error reply is cut off after its body (see Answered): nothing of it may be held back
                : ReplyRelay.direct(head.body(), response, meter, status < 500, upstreamRequest::abort);
        meter.end();
        Outcome outcome = relayed.outcome();
        if (outcome == Outcome.ERROR) {
            metrics.upstreamError(u, "broken");
        }
        if (status >= 500) {
            metrics.upstreamError(u, "status_5xx");
            outcome = outcome == Outcome.OK ? Outcome.ERROR : outcome;
        }
        return new Attempt.Answered(response.getStatus(), outcome, meter, relayed.tail());   // live safety may have replaced the reply
    }

    /** The upstream's response once its headers arrived, and its body. */
    private record Head(org.eclipse.jetty.client.Response response, Content.Source body) {
    }

    private static String reason(Throwable cause) {
        if (cause instanceof InFlightCalls.TakenOut) {
            return UNHEALTHY;
        }
        if (cause instanceof ConnectException) {
            return "refused";
        }
        return cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException ? "timeout" : "broken";
    }
}
