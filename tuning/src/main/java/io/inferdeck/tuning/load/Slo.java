package io.inferdeck.tuning.load;

import java.time.Duration;

/**
 * A latency objective. Per request: "good" when its e2e ≤ {@code e2e} and its TTFT ≤ {@code ttft}
 * (goodput counts those per second). Per run: met when the {@code percentile} of e2e and of TTFT are
 * within the targets.
 */
public record Slo(Duration e2e, Duration ttft, double percentile) {
    /** P95 e2e ≤ 500 ms and TTFT ≤ 200 ms. */
    public static final Slo DEFAULT = new Slo(Duration.ofMillis(500), Duration.ofMillis(200), 95);

    public Slo {
        if (e2e.isNegative() || e2e.isZero() || ttft.isNegative() || ttft.isZero() || !(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("SLO targets must be positive and the percentile in (0, 100]");
        }
    }

    boolean good(long e2eNanos, long ttftNanos) {
        return e2eNanos <= e2e.toNanos() && ttftNanos >= 0 && ttftNanos <= ttft.toNanos();
    }
}
