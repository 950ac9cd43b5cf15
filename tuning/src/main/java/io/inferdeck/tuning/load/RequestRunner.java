package io.inferdeck.tuning.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request, waits for it (blocking a virtual thread) and turns what happened into exactly one
 * {@link RequestRecord}: OK, ERROR with a cause bucket, or TIMEOUT. Never throws, so no request can
 * escape the accounting. Thread-safe.
 */
final class RequestRunner {
    private final ChatStreamClient client;
    private final BenchPlan plan;
    private final Set<Future<?>> inFlight;

    RequestRunner(ChatStreamClient client, BenchPlan plan, Set<Future<?>> inFlight) {
        this.client = client;
        this.plan = plan;
        this.inFlight = inFlight;
    }

    /** {@code scheduled} and {@code t0} are System.nanoTime values; latencies count from {@code scheduled}. */
    void execute(long promptIndex, long scheduled, long t0, boolean warmup, BenchRecorder rec) {
        StreamObserver obs = new StreamObserver();
        long sent = System.nanoTime();
        Outcome outcome = Outcome.ERROR;
        String cause = "internal";
        CompletableFuture<HttpResponse<Void>> f = null;
        try {
            f = client.send(promptIndex, obs);
            inFlight.add(f);
            HttpResponse<Void> r = f.get(plan.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
            if (r.statusCode() != 200) {
                cause = "http_" + r.statusCode();
            } else if (obs.streamError != null) {
                cause = "stream_error";
            } else if (!obs.completedNormally()) {
                cause = "protocol";
            } else {
                outcome = Outcome.OK;
                cause = null;
            }
        } catch (TimeoutException e) {
            outcome = Outcome.TIMEOUT;
            cause = "timeout";
        } catch (ExecutionException e) {
            cause = classify(e.getCause());
            outcome = cause.equals("timeout") ? Outcome.TIMEOUT : Outcome.ERROR;
        } catch (CancellationException e) {
            cause = "cancelled";
        } catch (InterruptedException e) {
            cause = "cancelled";
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            cause = "internal";
        } finally {
            if (f != null) {
                inFlight.remove(f);
                f.cancel(true); // no-op when done; aborts the exchange after a timeout or interrupt
            }
        }
        long end = System.nanoTime();
        boolean ok = outcome == Outcome.OK;
        long ttft = ok && obs.firstTokenNanos >= 0 ? obs.firstTokenNanos - scheduled : -1;
        int tokens = ok ? obs.outputTokens() : 0;
        long itl = ok && tokens >= 2 && obs.contentChunks >= 2 ? (obs.lastTokenNanos - obs.firstTokenNanos) / (tokens - 1) : -1;
        rec.record(new RequestRecord(scheduled - t0, sent - t0, warmup, outcome, cause, ttft, itl, end - scheduled, tokens,
                ok ? obs.usagePromptTokens : -1), end);
    }

    /** Failure buckets: connect, timeout, cancelled, io (reset or closed mid-stream), internal. */
    static String classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CancellationException) {
                return "cancelled";
            }
            if (c instanceof HttpConnectTimeoutException || c instanceof ConnectException) {
                return "connect";
            }
            if (c instanceof HttpTimeoutException) {
                return "timeout";
            }
        }
        return t instanceof IOException ? "io" : "internal";
    }
}
