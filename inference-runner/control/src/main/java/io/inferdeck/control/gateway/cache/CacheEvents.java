package io.inferdeck.control.gateway.cache;

/**
 * What the cache tells its owner's metrics. Label values: lookup {@code hit}/{@code miss}; bypass reasons
 * {@code no_store}, {@code no_cache}, {@code sampled}, {@code not_json}; store results {@code stored},
 * {@code too_large}, {@code not_ok}; eviction causes {@code size}, {@code expired}. Implementations must be
 * thread-safe: every request thread reports here, evictions on whichever thread triggered maintenance.
 */
public interface CacheEvents {
    void lookup(boolean hit);

    void bypass(String reason);

    void store(String result);

    void evicted(String cause);
}
