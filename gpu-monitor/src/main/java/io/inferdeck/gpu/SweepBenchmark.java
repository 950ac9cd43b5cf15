package io.inferdeck.gpu;

import java.util.Arrays;

/**
 * Measures what one full {@link GpuSource#sample()} costs: the wall time of each of
 * {@code sweeps} back-to-back samples after {@code warmup} unmeasured ones (JIT, first-call
 * symbol lookups, buffer growth). A benchmark that prints numbers, not a test with a limit.
 */
public final class SweepBenchmark {

    private SweepBenchmark() {
    }

    /**
     * @param gpus         GPUs in the last sample
     * @param state        the source's state in the last sample (a failing source is fast, not good)
     * @param medianMicros p50 of the per-sweep times
     * @param p99Micros    p99 (nearest rank)
     */
    public record Result(int sweeps, int gpus, SourceState state, double minMicros, double medianMicros,
                         double p99Micros, double maxMicros, double meanMicros) {

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "%d sweeps of %d GPUs: median %.1f us, p99 %.1f us (min %.1f, mean %.1f, max %.1f us)",
                    sweeps, gpus, medianMicros, p99Micros, minMicros, meanMicros, maxMicros);
        }
    }

    public static Result run(GpuSource source, int warmup, int sweeps) {
        if (sweeps < 1 || warmup < 0) {
            throw new IllegalArgumentException("need sweeps >= 1 and warmup >= 0");
        }
        GpuSnapshot last = null;
        for (int i = 0; i < warmup; i++) {
            last = source.sample();
        }
        long[] nanos = new long[sweeps];
        for (int i = 0; i < sweeps; i++) {
            long start = System.nanoTime();
            last = source.sample();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return new Result(sweeps, last.gpus().size(), last.state(), nanos[0] / 1e3, percentile(nanos, 50) / 1e3,
                percentile(nanos, 99) / 1e3, nanos[sweeps - 1] / 1e3, sum / sweeps / 1e3);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
