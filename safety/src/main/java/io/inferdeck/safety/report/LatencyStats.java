package io.inferdeck.safety.report;

import java.util.Arrays;

/** Latency of one stage over all cases that ran it, in milliseconds (nearest-rank percentiles). */
public record LatencyStats(String stage, int count, double p50Ms, double p99Ms, double maxMs) {
    public static LatencyStats of(String stage, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new LatencyStats(stage, s.length, pct(s, 50), pct(s, 99), s.length == 0 ? 0 : s[s.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
