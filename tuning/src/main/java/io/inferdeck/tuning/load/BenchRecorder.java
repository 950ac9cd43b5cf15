package io.inferdeck.tuning.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Accumulates finished requests of one run. Thread-safe: request threads call {@link #record}, the
 * progress ticker {@link #snapshot}; one lock, held for microseconds (histogram updates), which stays far
 * below contention at the rates one generator reaches.
 */
final class BenchRecorder {
    private final BenchPlan plan;
    private final long startNanos;
    private final long measureStartNanos;
    private final Histogram e2e = new Histogram(3), ttft = new Histogram(3), itl = new Histogram(3), lag = new Histogram(3);
    private final Map<String, Long> failures = new TreeMap<>();
    private final List<RequestRecord> records = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private long warmup, sent, ok, errors, timeouts, good, outputTokens, promptTokens, dropped;
    private long lastEndNanos;
    private long lastSnapshotNanos, lastSnapshotOk;
    /** Requests in a row (warm-up included) that could not connect; any other ending resets it. */
    private long connectStreak;
    private boolean anyOk;

    BenchRecorder(BenchPlan plan, long startNanos, long measureStartNanos) {
        this.plan = plan;
        this.startNanos = startNanos;
        this.measureStartNanos = measureStartNanos;
        this.lastSnapshotNanos = startNanos;
        this.lastEndNanos = measureStartNanos;
    }

    void started() {
        inFlight.incrementAndGet();
    }

    /** {@code r}'s times are relative to the run start; {@code endNanos} is absolute (System.nanoTime). */
    synchronized void record(RequestRecord r, long endNanos) {
        inFlight.decrementAndGet();
        anyOk |= r.outcome() == Outcome.OK;
        connectStreak = "connect".equals(r.cause()) ? connectStreak + 1 : 0;
        if (r.warmup()) {
            warmup++;
            return;
        }
        sent++;
        lastEndNanos = Math.max(lastEndNanos, endNanos);
        lag.recordValue(micros(r.sendLagNanos()));
        switch (r.outcome()) {
            case OK -> {
                ok++;
                e2e.recordValue(micros(r.e2eNanos()));
                if (r.ttftNanos() >= 0) ttft.recordValue(micros(r.ttftNanos()));
                if (r.itlNanos() >= 0) itl.recordValue(micros(r.itlNanos()));
                if (plan.slo().good(r.e2eNanos(), r.ttftNanos())) good++;
                outputTokens += r.outputTokens();
                if (r.promptTokens() > 0) promptTokens += r.promptTokens();
            }
            case ERROR -> errors++;
            case TIMEOUT -> timeouts++;
        }
        if (r.outcome() != Outcome.OK) {
            failures.merge(r.cause(), 1L, Long::sum);
        }
        if (records.size() < plan.maxRecords()) records.add(r); else dropped++;
    }

    /** True once {@code limit} requests in a row could not connect and no request of the run (warm-up included) succeeded. */
    synchronized boolean unreachable(int limit) {
        return !anyOk && connectStreak >= limit;
    }

    /**
     * True when the SLO percentile of e2e and of TTFT are known well enough to end an extended window
     * ({@link BenchPlan.Extension}): each interval lies above its target (missed, whatever comes), or has an upper
     * bound and is narrow enough or below its target.
     */
    synchronized boolean settled() {
        double p = plan.slo().percentile();
        return settled(e2e, p, plan.slo().e2e().toNanos() / 1e6) && settled(ttft, p, plan.slo().ttft().toNanos() / 1e6);
    }

    private boolean settled(Histogram h, double p, double targetMs) {
        PercentileInterval i = PercentileInterval.of(h, p);
        return i.lowMs() > targetMs   // missed with 95% confidence already: more requests cannot change that
                || i.enoughData() && (i.highMs() <= targetMs || i.relativeHalfWidth(pct(h, p)) <= plan.extension().relativeHalfWidth());
    }

    synchronized BenchProgress snapshot(BenchProgress.Phase phase, long nowNanos) {
        double interval = (nowNanos - lastSnapshotNanos) / 1e9;
        double recent = interval > 0 ? (ok - lastSnapshotOk) / interval : 0;
        lastSnapshotNanos = nowNanos;
        lastSnapshotOk = ok;
        return new BenchProgress(phase, (nowNanos - startNanos) / 1e9, warmup, sent, ok, errors, timeouts, inFlight.get(),
                recent, pct(e2e, 50), pct(e2e, 95), pct(ttft, 95), outputTokens);
    }

    synchronized BenchResult result(String model, Instant startedAt, boolean stoppedEarly) {
        double seconds = Math.max(0, (lastEndNanos - measureStartNanos) / 1e9);
        double e2eAtSlo = pct(e2e, plan.slo().percentile());
        double ttftAtSlo = pct(ttft, plan.slo().percentile());
        boolean met = ok > 0 && e2eAtSlo <= plan.slo().e2e().toNanos() / 1e6 && ttftAtSlo <= plan.slo().ttft().toNanos() / 1e6;
        return new BenchResult(plan.endpoint().toString(), model, plan.load().describe(), startedAt, seconds, warmup,
                sent, ok, errors, timeouts, failures, outputTokens, promptTokens, rate(ok, seconds), rate(outputTokens, seconds),
                plan.slo(), good, rate(good, seconds), e2eAtSlo, ttftAtSlo, met,
                LatencySummary.of(ttft), LatencySummary.of(itl), LatencySummary.of(e2e), LatencySummary.of(lag),
                stoppedEarly, records, dropped);
    }

    private static double rate(long n, double seconds) {
        return seconds > 0 ? n / seconds : 0;
    }

    private static double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1000);
    }
}
