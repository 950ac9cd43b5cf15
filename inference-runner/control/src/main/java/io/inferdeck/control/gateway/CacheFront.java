package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.Forwarder.Attempt;
import io.inferdeck.control.gateway.RequestRecord.Outcome;
import io.inferdeck.control.gateway.cache.Admission;
import io.inferdeck.control.gateway.cache.CachedReply;
import io.inferdeck.control.gateway.cache.ResponseCache;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The response cache's place in {@link ProxyCall}: asked before routing ({@link #admit}, {@link #answered}),
 * handed the client's response to record a fill ({@link #recording}), told how the forwarded reply ended
 * ({@link #forwarded}). Without a cache (the profile has no {@code gateway.cache}) every request passes.
 *
 * <p>A hit is answered by the gateway itself: the stored chunks are written one by one (SSE flushed after each,
 * as the engine's stream was; JSON in one body with its length), measured through a {@link ReplyMeter} like a
 * forwarded reply, and logged with upstream {@code cache}, {@code cacheHit} true and no queue time. Its gaps
 * between events are not counted as inter-token latency: nothing was generated. Every answer that involved the
 * cache carries {@code X-InferDeck-Cache: hit} or {@code miss}. Thread-safe: the cache is; the rest is per request.
 */
final class CacheFront {
    static final String HEADER = "X-InferDeck-Cache";
    static final String UPSTREAM = "cache";

    private final Optional<ResponseCache> cache;
    private final GatewayMetrics metrics;
    private final RequestLog log;
    private final Clock clock;

    CacheFront(Optional<ResponseCache> cache, GatewayMetrics metrics, RequestLog log, Clock clock) {
        this.cache = cache;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
    }

    /** The cache of {@code config}, its metrics registered in {@code metrics}; none when the config has no cache. */
    static CacheFront of(GatewayConfig config, GatewayMetrics metrics, RequestLog log, Clock clock) {
        Optional<ResponseCache> cache = config.cache().map(c -> {
            ResponseCache made = new ResponseCache(c, ResponseCache.ticker(clock), metrics.cacheEvents());
            metrics.cacheSize(made::storedBytes, made::entries);
            return made;
        });
        return new CacheFront(cache, metrics, log, clock);
    }

    Admission admit(ClientCall call, Request request) {
        String cacheControl = request.getHeaders().get(HttpHeader.CACHE_CONTROL);
        return cache.map(c -> c.admit(call.method(), call.pathAndQuery(), () -> call.body().json(), cacheControl)).orElse(Admission.PASS);
    }

    /** True when {@code a} was a hit: the reply was written (or the client left), the request recorded and finished. */
    Optional<RequestRecord> answered(Admission a, ClientCall call, java.util.function.Supplier<String> safety, Response response, Callback callback,
                                     java.util.function.Consumer<RequestRecord> beforeEnd) {
        if (!(a instanceof Admission.Hit hit)) {
            return Optional.empty();
        }
        CachedReply reply = hit.reply();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HEADER, "hit");
        if (!reply.streamed()) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.bytes());
        }
        ReplyMeter meter = new ReplyMeter(reply.contentType(), call.arrivedNanos());
        Outcome outcome = replay(reply, response, meter);
        meter.end();
        double e2e = (System.nanoTime() - call.arrivedNanos()) / 1e6;
        RequestRecord r = new RequestRecord(clock.instant(), call.pathAndQuery(), call.keyId(), UPSTREAM, call.model(), 200,
                outcome, 0, meter.ttftMs(), e2e, meter.promptTokens().orElse(call.estimatedPromptTokens()),
                meter.completionTokens(), !meter.usageReported(), true, safety.get(), Optional.empty(), Optional.empty());
        metrics.record(r, GatewayMetrics.NO_GAPS);
        log.add(r);
        beforeEnd.accept(r);   // e.g. the admission ticket: closed before the client sees the end of the reply
        new Attempt.Answered(200, outcome, meter).complete(response, callback);
        return Optional.of(r);
    }

    private static Outcome replay(CachedReply reply, Response response, ReplyMeter meter) {
        OutputStream out = Content.Sink.asOutputStream(response);
        try {
            for (byte[] chunk : reply.chunks()) {
                meter.bytes(ByteBuffer.wrap(chunk), System.nanoTime());
                out.write(chunk);
                if (reply.streamed()) {
                    out.flush();
                }
            }
            return Outcome.OK;
        } catch (IOException e) {
            return Outcome.ABORTED;   // the client went away
        }
    }

    /** What the forwarder writes to: for a fill, {@code response} with every written chunk copied for the cache. */
    Response recording(Admission a, Request request, Response response) {
        if (!(a instanceof Admission.Fill fill)) {
            return response;
        }
        response.getHeaders().put(HEADER, "miss");
        return new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback callback) {
                fill.recorder().chunk(content);
                super.write(last, content, callback);
            }
        };
    }

    /**
     * A forwarded reply ended: a fill stores it when it was a complete 200 (the cache checks), with the last bytes
     * the relay held back to send with the end of the response ({@link Attempt.Answered#tail}).
     */
    void forwarded(Admission a, Attempt.Answered answer, Response response) {
        if (a instanceof Admission.Fill fill) {
            if (answer.tail() != null) {
                fill.recorder().chunk(answer.tail().getByteBuffer());
            }
            cache.orElseThrow().offer(fill, answer.status(), answer.outcome() == Outcome.OK,
                    response.getHeaders().get(HttpHeader.CONTENT_TYPE));
        }
    }
}
