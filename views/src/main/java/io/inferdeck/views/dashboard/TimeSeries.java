package io.inferdeck.views.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * One bounded chart series in two tiers, so an hour of history costs a few hundred points:
 * <ul>
 *   <li>a raw ring of the most recent samples, sized rate x {@link #RAW_SPAN_MS} (e.g. 2 Hz x 300 s =
 *       600 points), enough for the 1 min and 5 min windows at full resolution;</li>
 *   <li>a coarse ring of {@link #BUCKET_MS} averages sized {@link #HOUR_MS} / bucket = 360 points, for the
 *       older part of the 15 min and 1 h windows (older points are downsampled, never kept raw).</li>
 * </ul>
 * Neither ring ever grows: the oldest point is overwritten. Times are epoch milliseconds from the
 * snapshots' injected clocks. A missing value is a gap (no point), never a zero. FX thread only.
 */
public final class TimeSeries {

    static final long RAW_SPAN_MS = 5 * 60_000L;
    static final long HOUR_MS = 60 * 60_000L;
    static final long BUCKET_MS = 10_000L;
    /** In downsampled windows the most recent minute is still drawn raw. */
    static final long RAW_TAIL_MS = 60_000L;

    public record Point(long atMillis, double value) {
    }

    private final Ring raw;
    private final Ring coarse = new Ring((int) (HOUR_MS / BUCKET_MS));
    private long bucketStart = Long.MIN_VALUE;
    private double bucketSum;
    private int bucketCount;

    /** @param rateHz how often the source samples; sizes the raw ring as rate x 5 min */
    TimeSeries(double rateHz) {
        raw = new Ring((int) Math.ceil(rateHz * RAW_SPAN_MS / 1000.0) + 1);
    }

    void add(long atMillis, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        raw.add(atMillis, value);
        long bucket = Math.floorDiv(atMillis, BUCKET_MS) * BUCKET_MS;
        if (bucket != bucketStart) {
            if (bucketCount > 0) {
                coarse.add(bucketStart + BUCKET_MS / 2, bucketSum / bucketCount);
            }
            bucketStart = bucket;
            bucketSum = 0;
            bucketCount = 0;
        }
        bucketSum += value;
        bucketCount++;
    }

    /** Points of the window ending at {@code nowMillis}, oldest first. */
    List<Point> points(ChartWindow window, long nowMillis) {
        long from = nowMillis - window.span().toMillis();
        List<Point> out = new ArrayList<>();
        if (window.span().toMillis() <= RAW_SPAN_MS) {
            raw.collect(from, Long.MAX_VALUE, out);
        } else {
            long rawFrom = nowMillis - RAW_TAIL_MS;
            coarse.collect(from, rawFrom, out);
            raw.collect(rawFrom, Long.MAX_VALUE, out);
        }
        return out;
    }

    int rawCapacity() {
        return raw.times.length;
    }

    int size() {
        return raw.size + coarse.size;
    }

    int maxSize() {
        return raw.times.length + coarse.times.length;
    }

    /** Fixed-capacity ring of (time, value). */
    private static final class Ring {
        final long[] times;
        final double[] values;
        int next;
        int size;

        Ring(int capacity) {
            times = new long[capacity];
            values = new double[capacity];
        }

        void add(long at, double value) {
            times[next] = at;
            values[next] = value;
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
        }

        void collect(long fromInclusive, long toExclusive, List<Point> out) {
            int start = (next - size + times.length) % times.length;
            for (int i = 0; i < size; i++) {
                int k = (start + i) % times.length;
                if (times[k] >= fromInclusive && times[k] < toExclusive) {
                    out.add(new Point(times[k], values[k]));
                }
            }
        }
    }
}
