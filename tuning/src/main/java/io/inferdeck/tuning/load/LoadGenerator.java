package io.inferdeck.tuning.load;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Drives an OpenAI-compatible chat endpoint with a {@link BenchPlan} and returns a {@link BenchResult}.
 * Requests run on virtual threads named {@code loadgen-N}; progress snapshots go to the listener from a
 * {@code loadgen-progress} thread (the listener must not block; a view coalesces them itself).
 *
 * <p>Every loop is bounded: issuing stops at the window end or request count, and every request ends
 * within its timeout, so {@link #run} returns at most one request timeout after the window. One run at a
 * time per instance; {@link #stop} may be called from any thread. Wall-clock time ({@code startedAt})
 * comes from the injected Clock, durations from System.nanoTime.
 *
 * <p>An endpoint nobody answers is not measured: when {@link #UNREACHABLE_AFTER} requests in a row could not
 * connect (refused or connect timeout) before any request of the run succeeded, the run stops at once and
 * {@link #run} throws {@link UnreachableEndpointException} instead of returning a "result" of instant
 * errors. Once a request has succeeded, connection failures are measured like any other error.
 */
public final class LoadGenerator implements AutoCloseable {
    /** Connection failures in a row, with no success yet, after which a run gives up (see the class comment). */
    public static final int UNREACHABLE_AFTER = 16;

    private final HttpClient http;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * A generator with its own HTTP/1.1 client that runs its callbacks inline on the client's selector
     * thread ({@code Runnable::run}): no thread hand-off per response, so timestamps are taken where the
     * bytes arrive and the client's default pool stops being the bottleneck on small machines (see
     * docs/performance.md). Safe because nothing the generator runs there blocks: SSE parsing only.
     */
    public LoadGenerator(Clock clock) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Runnable::run).build(), clock);
    }

    /** A generator over a caller-supplied client (closed by {@link #close}). */
    public LoadGenerator(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Ends the current run early: no new requests, in-flight ones cancelled (counted as "cancelled"). */
    public void stop() {
        stopping.set(true);
        inFlight.forEach(f -> f.cancel(true));
    }

    /**
     * Runs {@code plan} to completion. If the calling thread is interrupted the run stops early, the
     * partial result is returned and the interrupt flag is set again.
     */
    public BenchResult run(BenchPlan plan, Consumer<BenchProgress> listener) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("this generator is already running a benchmark");
        }
        try {
            return runOnce(plan, listener);
        } finally {
            running.set(false);
        }
    }

    private BenchResult runOnce(BenchPlan plan, Consumer<BenchProgress> listener) {
        stopping.set(false);
        unreachable.set(false);
        String model = plan.model() != null ? plan.model()
                : ChatStreamClient.firstModel(http, plan.endpoint(), plan.apiKey(), Duration.ofSeconds(5)).orElse("default");
        RequestRunner runner = new RequestRunner(new ChatStreamClient(http, plan.endpoint(), plan.apiKey(), model,
                plan.prompts(), plan.maxTokens()), plan, inFlight);
        java.time.Instant startedAt = clock.instant();
        long t0 = System.nanoTime();
        long measureStart = t0 + plan.warmup().toNanos();
        long measureEnd = plan.duration().isZero() ? Long.MAX_VALUE : measureStart + plan.windowLimit().toNanos();
        BenchRecorder rec = new BenchRecorder(plan, t0, measureStart);
        Window w = new Window(t0, measureStart, measureEnd, measureStart + plan.duration().toNanos(), new AtomicBoolean());
        AtomicBoolean issuing = new AtomicBoolean(true);
        Thread ticker = Thread.ofVirtual().name("loadgen-progress").start(() -> tick(plan, rec, w, issuing, listener));
        boolean interrupted = false;
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("loadgen-", 0).factory())) {
            switch (plan.load()) {
                case LoadShape.ClosedLoop c -> closedLoop(c, plan, w, runner, rec, threads);
                case LoadShape.OpenLoop o -> openLoop(o, plan, w, runner, rec, threads);
            }
            issuing.set(false); // closing the executor now drains the requests in flight
        } catch (InterruptedException e) {
            interrupted = true;
            stop();
        } finally {
            issuing.set(false);
            ticker.interrupt();
        }
        // The executor's close() above waited for every request, each bounded by its timeout.
        joinQuietly(ticker);
        try {
            listener.accept(rec.snapshot(BenchProgress.Phase.DONE, System.nanoTime()));
        } catch (RuntimeException e) {
            // The result below is what matters; a listener failure must not lose it.
        }
        BenchResult result = rec.result(model, startedAt, stopping.get());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (unreachable.get()) {
            throw new UnreachableEndpointException(plan.endpoint(), UNREACHABLE_AFTER);
        }
        return result;
    }

    /**
     * @param minEnd  the requested window's end: an extended run ({@link BenchPlan.Extension}) goes on past it
     *                until {@code settled} (set by the progress ticker) or {@code measureEnd}
     */
    private record Window(long t0, long measureStart, long measureEnd, long minEnd, AtomicBoolean settled) {
        boolean over(long now) {
            return now >= measureEnd || settled.get();
        }
    }

    private void closedLoop(LoadShape.ClosedLoop c, BenchPlan plan, Window w, RequestRunner runner, BenchRecorder rec,
                            ExecutorService threads) throws InterruptedException {
        AtomicLong measuredTickets = new AtomicLong();
        AtomicLong promptIndex = new AtomicLong();
        List<Future<?>> streams = new ArrayList<>();
        for (int i = 0; i < c.concurrency(); i++) {
            streams.add(threads.submit(() -> {
                while (!stopping.get()) {
                    long now = System.nanoTime();
                    boolean warm = now < w.measureStart();
                    if (w.over(now)
                            || !warm && plan.maxRequests() > 0 && measuredTickets.getAndIncrement() >= plan.maxRequests()) {
                        return;
                    }
                    rec.started();
                    runner.execute(promptIndex.getAndIncrement(), now, w.t0(), warm, rec);
                    giveUpIfUnreachable(rec);
                }
            }));
        }
        for (Future<?> s : streams) {
            try {
                s.get(); // each stream ends at the window end or request count: bounded
            } catch (ExecutionException e) {
                throw new IllegalStateException("load stream failed", e.getCause());
            }
        }
    }

    private void openLoop(LoadShape.OpenLoop o, BenchPlan plan, Window w, RequestRunner runner, BenchRecorder rec,
                          ExecutorService threads) throws InterruptedException {
        Semaphore permits = new Semaphore(plan.maxInFlight());
        SplittableRandom random = new SplittableRandom(plan.seed());
        double gapNanos = 1e9 / o.ratePerSecond();
        double offset = 0; // from t0, as a double: exact for any realistic run, free of nanoTime's magnitude
        long measured = 0;
        for (long index = 0; !stopping.get(); index++) {
            long scheduled = w.t0() + (long) offset;
            boolean warm = scheduled < w.measureStart();
            if (scheduled >= w.measureEnd() || w.settled().get() || !warm && plan.maxRequests() > 0 && measured >= plan.maxRequests()) {
                return;
            }
            for (long wait; (wait = scheduled - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) throw new InterruptedException();
            }
            permits.acquire(); // when the cap is hit this waits, and the wait is charged to the request
            measured += warm ? 0 : 1;
            rec.started();
            long i = index;
            threads.submit(() -> {
                try {
                    runner.execute(i, scheduled, w.t0(), warm, rec);
                    giveUpIfUnreachable(rec);
                } finally {
                    permits.release();
                }
            });
            offset += o.arrivals() == LoadShape.Arrivals.CONSTANT ? gapNanos : -Math.log(1 - random.nextDouble()) * gapNanos;
        }
    }

    private void giveUpIfUnreachable(BenchRecorder rec) {
        if (rec.unreachable(UNREACHABLE_AFTER) && unreachable.compareAndSet(false, true)) {
            stop();
        }
    }

    private static void tick(BenchPlan plan, BenchRecorder rec, Window w, AtomicBoolean issuing,
                             Consumer<BenchProgress> listener) {
        long interval = plan.progressInterval().toNanos();
        while (true) {
            LockSupport.parkNanos(interval);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            long now = System.nanoTime();
            if (plan.extended() && now >= w.minEnd() && rec.settled()) {
                w.settled().set(true);   // the extension is over: the streams stop issuing
            }
            BenchProgress.Phase phase = now < w.measureStart() ? BenchProgress.Phase.WARMUP
                    : issuing.get() && !w.over(now) ? BenchProgress.Phase.MEASURING : BenchProgress.Phase.DRAINING;
            try {
                listener.accept(rec.snapshot(phase, now));
            } catch (RuntimeException e) {
                // A failing listener must not stop the measurement; it gets the next snapshot.
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
