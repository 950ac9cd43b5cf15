package io.inferdeck.control.gateway.keys;

import java.util.Arrays;

/**
 * Amounts added over the last minute, in 60 one-second buckets: the window slides by whole seconds, so a burst
 * stops counting 59 to 60 s after it happened, never all at once at a minute boundary. Not thread-safe: its
 * owner guards it. Times are epoch milliseconds from the owner's clock.
 */
final class SlidingMinute {
    private static final int SECONDS = 60;
    private final long[] amount = new long[SECONDS];
    /** The epoch second each bucket counts; a bucket whose second left the window is stale. */
    private final long[] second = new long[SECONDS];

    SlidingMinute() {
        Arrays.fill(second, Long.MIN_VALUE);
    }

    void add(long nowMillis, long n) {
        long s = Math.floorDiv(nowMillis, 1000);
        int i = (int) Math.floorMod(s, SECONDS);
        if (second[i] != s) {
            second[i] = s;
            amount[i] = 0;
        }
        amount[i] += n;
    }

    long total(long nowMillis) {
        long s = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (second[i] > s - SECONDS && second[i] <= s) {
                total += amount[i];
            }
        }
        return total;
    }

    /** Whole seconds (at least 1) until the total drops below {@code limit}; 0 when it is below now. */
    long secondsUntilBelow(long limit, long nowMillis) {
        long total = total(nowMillis);
        if (total < limit) {
            return 0;
        }
        long s = Math.floorDiv(nowMillis, 1000);
        for (long sec = s - SECONDS + 1; sec <= s; sec++) {   // oldest bucket first: it leaves the window first
            int i = (int) Math.floorMod(sec, SECONDS);
            if (second[i] == sec) {
                total -= amount[i];
                if (total < limit) {
                    long freedAt = (sec + SECONDS) * 1000;
                    return Math.max(1, Math.ceilDiv(freedAt - nowMillis, 1000));
                }
            }
        }
        return SECONDS;   // only when limit <= 0, which KeyLimits rules out
    }
}
