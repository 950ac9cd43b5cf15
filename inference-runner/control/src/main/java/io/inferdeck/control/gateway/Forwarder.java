package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.RequestRecord.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends one client request to one upstream and streams the reply back as it arrives (SSE stays live),
 * metering it on the way. Until the upstream's response headers arrive nothing has been sent to the
 * client, so a failure then is a {@link Attempt.Retry}; after that the reply is the client's, whatever
 * happens. A client that goes away aborts the upstream request, which closes its connection so the
 * engine frees the slot. Blocking: runs on the request's virtual thread.
 */
final class Forwarder {
    /** What one try on one upstream came to. */
    sealed interface Attempt {
        /** Nothing reached the client: another upstream may take the request. {@code reason} labels the error. */
        record Retry(String reason) implements Attempt {
            boolean refused() {
                return reason.equals("refused");
            }
        }

        /**
         * The reply (complete or not) went to the client; the caller finishes the response with
         * {@link #complete} once it has recorded the request, so a client that saw the end of its reply
         * finds the request in /metrics and the log.
         */
        record Answered(int status, Outcome outcome, ReplyMeter meter) implements Attempt {
            void complete(Callback callback) {
                switch (outcome) {
                    case ERROR, ABORTED -> callback.failed(new IOException("reply " + outcome.label()));   // cuts the client off
                    default -> callback.succeeded();   // Jetty writes the end of the body
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
                    if (call.authorization() != null) {
                        h.put(HttpHeader.AUTHORIZATION, call.authorization());
                    }
                    if (call.accept() != null) {
                        h.put(HttpHeader.ACCEPT, call.accept());
                    }
                });
        if (call.body().length > 0) {
            String type = call.contentType() == null ? "application/json" : call.contentType();
            upstreamRequest.body(new BytesRequestContent(type, call.body()));
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        upstreamRequest.send(listener);
        org.eclipse.jetty.client.Response head;
        try {
            head = listener.get(config.firstByteTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
        response.setStatus(head.getStatus());
        for (HttpHeader h : new HttpHeader[] {HttpHeader.CONTENT_TYPE, HttpHeader.CACHE_CONTROL}) {
            String v = head.getHeaders().get(h);
            if (v != null) {
                response.getHeaders().put(h, v);
            }
        }
        ReplyMeter meter = new ReplyMeter(head.getHeaders().get(HttpHeader.CONTENT_TYPE), call.arrivedNanos());
        ReplyOutput out = screen.reply(Content.Sink.asOutputStream(response), response, head.getHeaders().get(HttpHeader.CONTENT_TYPE));
        Outcome outcome = relay(listener, out, meter, upstreamRequest::abort);
        meter.end();
        if (outcome == Outcome.ERROR) {
            metrics.upstreamError(u, "broken");
        }
        if (head.getStatus() >= 500) {
            metrics.upstreamError(u, "status_5xx");
            outcome = outcome == Outcome.OK ? Outcome.ERROR : outcome;
        }
        return new Attempt.Answered(response.getStatus(), outcome, meter);   // live safety may have replaced the reply
    }

    /**
     * Copies the upstream body to the client chunk by chunk, flushing each (SSE events must not wait). A reply that
     * live safety stopped ({@link ReplyBlocked}) cancels the upstream request and is REJECTED.
     */
    private static Outcome relay(InputStreamResponseListener listener, ReplyOutput out, ReplyMeter meter,
                                 java.util.function.Consumer<Throwable> abortUpstream) {
        byte[] buf = new byte[8192];
        try (InputStream in = listener.getInputStream()) {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    return Outcome.ERROR;   // upstream failed or fell silent past the stream idle timeout
                }
                if (n >= 0) {
                    meter.bytes(buf, n, System.nanoTime());
                }
                try {
                    if (n < 0) {
                        out.finish();
                        break;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                } catch (IOException e) {
                    abortUpstream.accept(e);
                    return e instanceof ReplyBlocked ? Outcome.REJECTED : Outcome.ABORTED;
                }
            }
            return Outcome.OK;
        } catch (IOException e) {
            return Outcome.OK;   // closing the fully read upstream stream failed: the reply is complete anyway
        }
    }

    private static String reason(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "refused";
        }
        return cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException ? "timeout" : "broken";
    }
}
