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
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * cache carries {@code X-InferDeck-Cache: hit} or {@code miss} ({@code coalesced}: see below). Thread-safe: the cache
 * is; the rest is per request.
 *
 * <p>A miss while an identical request is in flight waits in {@link #admit} (blocking its virtual thread) for that
 * request's reply, at most {@link GatewayConfig#firstByteTimeout()} (what it would wait for an engine's first byte)
 * and only while its client stays: served from the reply the leader stored (logged like a hit, header
 * {@code coalesced}, its latency including the wait), or forwarded itself when the leader stored nothing or the wait
 * ran out; a client that leaves is logged as 499 and never touches the leader. A leading request's flight is ended by
 * {@link #forwarded} or, on every other way out, by {@link #release}.
 */
final class CacheFront {
    static final String HEADER = "X-InferDeck-Cache";
    static final String UPSTREAM = "cache";

    private final Optional<ResponseCache> cache;
    private final GatewayMetrics metrics;
    private final RequestLog log;
    private final Clock clock;
    private final Duration maxWait;

    CacheFront(Optional<ResponseCache> cache, GatewayMetrics metrics, RequestLog log, Clock clock, Duration maxWait) {
        this.maxWait = maxWait;
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
        return new CacheFront(cache, metrics, log, clock, config.firstByteTimeout());
    }

    /** The cache's answer; a follower returns once its wait ended (see the class comment). */
    Admission admit(ClientCall call, Request request) throws InterruptedException {
        if (cache.isEmpty()) {
            return Admission.PASS;
        }
        String cacheControl = request.getHeaders().get(HttpHeader.CACHE_CONTROL);
        Admission a = cache.get().admit(call.method(), call.pathAndQuery(), () -> call.body().json(), cacheControl);
        return a instanceof Admission.Follow f ? follow(f, request) : a;
    }

    private Admission follow(Admission.Follow f, Request request) throws InterruptedException {
        CompletableFuture<Optional<CachedReply>> ended = f.flight().ended();
        CompletableFuture<Void> gone = new CompletableFuture<>();
        try (ClientWatch watch = ClientWatch.start(request, () -> gone.complete(null))) {   // closed before any write
            CompletableFuture.anyOf(ended, gone).get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // ran out (or, never, failed): forwarded after all
        }
        return cache.orElseThrow().afterWait(f, ended.getNow(Optional.empty()), gone.isDone());
    }

    /**
     * When {@code a} was a hit: writes the reply (or sees the client gone), records and finishes the request and
     * returns its record; likewise for a client that left while it waited (499). Empty otherwise.
     */
    Optional<RequestRecord> answered(Admission a, ClientCall call, Supplier<String> safety, Response response, Callback callback,
                                     Consumer<RequestRecord> beforeEnd) {
        if (a instanceof Admission.Abandoned) {
            RequestRecord r = new RequestRecord(clock.instant(), call.pathAndQuery(), call.keyId(), RequestRecord.NONE,
                    call.model(), 499, Outcome.ABORTED, 0, OptionalDouble.empty(), (System.nanoTime() - call.arrivedNanos()) / 1e6,
                    0, 0, false, false, safety.get(), Optional.empty(), Optional.empty());
            metrics.record(r, new double[0]);
            log.add(r);
            beforeEnd.accept(r);
            callback.failed(new IOException("client left while waiting for an identical request"));
            return Optional.of(r);
        }
        if (!(a instanceof Admission.Hit hit)) {
            return Optional.empty();
        }
        CachedReply reply = hit.reply();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HEADER, hit.coalesced() ? "coalesced" : "hit");
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
     * the relay held back to send with the end of the response ({@link Attempt.Answered#tail}), and a leader hands
     * it to the requests waiting for it.
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

    /** The request is done, however it ended: a leader that stored nothing lets its followers go forward. */
    void release(Admission a) {
        if (a instanceof Admission.Fill fill) {
            cache.orElseThrow().release(fill);
        }
    }
}
