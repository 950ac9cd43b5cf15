package io.inferdeck.control.metrics;

/**
 * The share of response-cache lookups answered from the cache over a metrics window, with how many lookups it
 * rests on (requests that bypassed the cache are not lookups). Immutable.
 *
 * @param ratio   hits / lookups, 0..1
 * @param lookups lookups in the window, at least 1 (no lookups = no hit rate, never 0 %)
 */
public record CacheHitRate(double ratio, long lookups) {
    public CacheHitRate {
        if (!(ratio >= 0 && ratio <= 1) || lookups < 1) {
            throw new IllegalArgumentException("a hit rate is a ratio 0..1 over at least one lookup");
        }
    }
}
