package io.inferdeck.tuning.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Measures the generator's own per-request CPU cost outside the network: parsing a small SSE response
 * (3 events) with timestamps, then recording it into the histograms and counters. For the self-benchmark.
 */
public final class BookkeepingProbe {
    private BookkeepingProbe() {
    }

    /** Mean nanoseconds per request over {@code iterations}, after as many warm-up iterations. */
    public static double nanosPerRequest(byte[] sseBody, int iterations) {
        String[] lines = new String(sseBody, StandardCharsets.UTF_8).split("\n", -1);
        BenchPlan plan = BenchPlan.builder("http://127.0.0.1:1", new LoadShape.ClosedLoop(1)).duration(Duration.ZERO)
                .maxRequests(1).maxRecords(0).build();
        long sink = 0;
        long elapsed = 0;
        for (int round = 0; round < 2; round++) {
            BenchRecorder rec = new BenchRecorder(plan, 0, 0);
            long t = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                StreamObserver o = new StreamObserver();
                for (String line : lines) {
                    o.onNext(line);
                }
                o.onComplete();
                long end = System.nanoTime();
                rec.started();
                rec.record(new RequestRecord(0, 0, false, o.completedNormally() ? Outcome.OK : Outcome.ERROR,
                        o.completedNormally() ? null : "protocol", o.firstTokenNanos - t, -1, end - t, o.outputTokens(), -1), end);
            }
            elapsed = System.nanoTime() - t;
            sink += rec.result("probe", Instant.EPOCH, false).ok();
        }
        if (sink != 2L * iterations) {
            throw new IllegalStateException("probe body did not parse as a complete stream");
        }
        return (double) elapsed / iterations;
    }
}
