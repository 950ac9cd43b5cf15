package io.inferdeck.control.gateway.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway's response cache is bounded (the profile's {@code gateway.cache} block).
 *
 * @param maxBytes     total weight of the cached replies (their bytes plus a small per-entry overhead)
 * @param ttl          a reply stored longer ago than this is never served
 * @param allowSampled also cache requests that sample (temperature above 0 and no fixed seed); off by
 *                     default because such a request asks for a new answer each time
 */
public record CacheConfig(long maxBytes, Duration ttl, boolean allowSampled) {
    /** One reply may take at most this share of the cache, so a few huge replies cannot flush everything else. */
    static final int MAX_ENTRY_SHARE = 16;

    public CacheConfig {
        Objects.requireNonNull(ttl, "ttl");
        if (maxBytes <= 0 || !ttl.isPositive()) {
            throw new IllegalArgumentException("cache size and TTL must be positive");
        }
    }

    /** Largest reply stored: {@code maxBytes / 16}, and never more than an array can hold. */
    public long maxEntryBytes() {
        return Math.min(Integer.MAX_VALUE - 1024, Math.max(1, maxBytes / MAX_ENTRY_SHARE));
    }
}
