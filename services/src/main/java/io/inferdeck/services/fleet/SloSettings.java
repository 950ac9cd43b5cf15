package io.inferdeck.services.fleet;

/**
 * The thresholds the rendered alerting rules fire on, and the window the recording rules and
 * {@code fleet status} compute rates and percentiles over. Every field has a default, so a fleet file
 * may leave the block out or give only what it changes.
 *
 * @param e2eP95Seconds     end-to-end latency P95 above this fires {@code InferDeckSloE2eP95}
 * @param kvCacheUsage      KV cache usage (0..1) above this fires {@code InferDeckKvCachePressure}
 * @param gpuMemoryHeadroom free GPU memory share (0..1) below this fires {@code InferDeckGpuMemoryHeadroom}
 * @param windowSeconds     rate and percentile window
 * @param forSeconds        how long a condition must hold before its alert fires
 */
public record SloSettings(Double e2eP95Seconds, Double kvCacheUsage, Double gpuMemoryHeadroom,
                          Integer windowSeconds, Integer forSeconds) {
    public static final SloSettings DEFAULTS = new SloSettings(null, null, null, null, null);

    public SloSettings {
        e2eP95Seconds = positive("e2eP95Seconds", e2eP95Seconds, 2.0);
        kvCacheUsage = ratio("kvCacheUsage", kvCacheUsage, 0.9);
        gpuMemoryHeadroom = ratio("gpuMemoryHeadroom", gpuMemoryHeadroom, 0.05);
        windowSeconds = whole("windowSeconds", windowSeconds, 300, 1);
        forSeconds = whole("forSeconds", forSeconds, 60, 0);   // 0: fire at the first evaluation
    }

    private static double positive(String field, Double v, double dflt) {
        if (v == null) {
            return dflt;
        }
        if (!(v > 0) || v.isInfinite()) {
            throw new IllegalArgumentException(field + ": expected a positive number, got " + v);
        }
        return v;
    }

    private static double ratio(String field, Double v, double dflt) {
        if (v == null) {
            return dflt;
        }
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(field + ": expected a share between 0 and 1, got " + v);
        }
        return v;
    }

    private static int whole(String field, Integer v, int dflt, int min) {
        if (v == null) {
            return dflt;
        }
        if (v < min || v > 86_400) {
            throw new IllegalArgumentException(field + ": expected " + min + "..86400 seconds, got " + v);
        }
        return v;
    }
}
