package io.inferdeck.control.gateway.cache;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One reply on its way from an upstream for one cache key: the request that sent it (the leader, an
 * {@link Admission.Fill} that owns this flight) ends it with the reply it stored, or with empty when nothing was
 * stored (an error status, a broken stream, a client that left, a reply over the size limit, no upstream). Requests
 * with the same key that arrive meanwhile ({@link Admission.Follow}) wait for that end instead of asking the engine
 * again. Thread-safe: the end is a {@link CompletableFuture} completed once; later ends are ignored.
 */
public final class Flight {
    private final String hash;
    private final CompletableFuture<Optional<CachedReply>> ended = new CompletableFuture<>();

    Flight(String hash) {
        this.hash = hash;
    }

    String hash() {
        return hash;
    }

    /**
     * Completes (never exceptionally) with the stored reply, or empty when the leader stored nothing. A copy: a
     * waiter cannot end the flight for the others.
     */
    public CompletableFuture<Optional<CachedReply>> ended() {
        return ended.copy();
    }

    /** @return false when the flight had ended already */
    boolean end(Optional<CachedReply> reply) {
        return ended.complete(reply);
    }
}
