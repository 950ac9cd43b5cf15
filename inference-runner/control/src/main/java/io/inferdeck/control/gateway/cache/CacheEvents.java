package io.inferdeck.control.gateway.cache;

/**
 * What the cache tells its owner's metrics. Label values: lookup {@code hit}/{@code miss}; bypass reasons
 * {@code no_store}, {@code no_cache}, {@code sampled}, {@code not_json}; store results {@code stored},
 * {@code too_large}, {@code not_ok}; eviction causes {@code size}, {@code expired}; the end of a wait for an
 * identical request in flight ({@link #coalesced}) {@code served}, {@code proceeded}, {@code left}. Implementations must be
 * thread-safe: every request thread reports here, evictions on whichever thread triggered maintenance.
 */
public interface CacheEvents {
    void lookup(boolean hit);

    void bypass(String reason);

    void store(String result);

    void evicted(String cause);

    /** A request that missed began waiting for an identical one in flight (its lookup was counted as a miss). */
    void joined();

    /**
     * That wait ended: {@code served} (answered with the reply the other request stored), {@code proceeded} (it
     * stored nothing, or the wait ran out: forwarded after all), {@code left} (the waiting client went away).
     */
    void coalesced(String result);
}
