package io.inferdeck.control.gateway.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's response cache: completed 200 replies to deterministic completion requests, keyed by
 * {@link CacheKey}, bounded by bytes ({@link CacheConfig#maxBytes}, each entry weighed by
 * {@link CachedReply#weight}) and by age ({@link CacheConfig#ttl}, from the time it was stored).
 *
 * <p>Eviction is Caffeine's W-TinyLFU: close to LRU for a new entry, but an entry seen once does not push out
 * one asked for often (a scan of one-off prompts cannot flush the hot questions). Caffeine's maintenance runs
 * on the calling thread ({@code executor(Runnable::run)}): no hidden pool, and a test sees evictions at once.
 *
 * <p>Concurrent misses of one key are coalesced (single flight): the first becomes the key's {@link Flight} and
 * goes to the engine; identical requests arriving before it ended {@link Admission.Follow follow} it and are
 * answered with the reply it stored, or, when it stored nothing, go to the engine themselves (they never wait
 * twice). A reply is put in the cache before its flight leaves the table, so a newcomer always finds one of the
 * two. Thread-safe.
 */
public final class ResponseCache {
    /** Only these completions are cached; other requests (models, embeddings, engine-native paths) pass. */
    private static final Set<String> PATHS = Set.of("/v1/chat/completions", "/v1/completions");

    private final CacheConfig config;
    private final CacheEvents events;
    private final Cache<String, CachedReply> entries;
    /** The flight of each key being fetched now; a flight is removed by its own end only. */
    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

    /** @param ticker the time TTLs are measured on (see {@link #ticker(Clock)}) */
    public ResponseCache(CacheConfig config, Ticker ticker, CacheEvents events) {
        this.config = config;
        this.events = events;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.maxBytes())
                .weigher((String key, CachedReply reply) -> reply.weight())
                .expireAfterWrite(config.ttl())
                .ticker(ticker)
                .executor(Runnable::run)
                .evictionListener((String key, CachedReply reply, RemovalCause cause) ->
                        events.evicted(cause == RemovalCause.EXPIRED ? "expired" : "size"))
                .build();
    }

    /**
     * Nanoseconds on the gateway's injected clock, so a test moves the cache's time with the gateway's. A wall
     * clock set back keeps entries longer by that much; set forward, it expires them early: both harmless.
     */
    public static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /**
     * Decides what happens to one request: a hit, a fill (look-up missed, or {@code no-cache}), a follow (missed
     * while an identical request is in flight: wait for it, see {@link #afterWait}), or a pass
     * (not a completion request, {@code no-store}, a body that is not a JSON object, or a sampled request
     * while {@link CacheConfig#allowSampled} is off). Counts lookups and bypasses.
     *
     * @param body         the request body's JSON object (read only when needed; not changed); empty when it is none
     * @param cacheControl the request's {@code Cache-Control} header; null when absent
     */
    public Admission admit(String method, String pathAndQuery, Supplier<Optional<ObjectNode>> body, String cacheControl) {
        int q = pathAndQuery.indexOf('?');
        if (!"POST".equals(method) || !PATHS.contains(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))) {
            return Admission.PASS;
        }
        CacheDirectives asked = CacheDirectives.parse(cacheControl);
        if (asked.noStore()) {
            return bypass("no_store");
        }
        Optional<CacheKey> key = body.get().map(json -> CacheKey.of(pathAndQuery, json));
        if (key.isEmpty()) {
            return bypass("not_json");
        }
        if (!key.get().deterministic() && !config.allowSampled()) {
            return bypass("sampled");
        }
        if (asked.noCache()) {
            events.bypass("no_cache");
            return new Admission.Fill(key.get(), recorder(), Optional.empty());   // a refresh: neither waits nor leads
        }
        return lookUp(key.get());
    }

    /** A hit; else the lead of a new flight, or a follower of the one in the air. Counts the lookup and the wait. */
    private Admission lookUp(CacheKey key) {
        CachedReply reply = entries.getIfPresent(key.hash());
        if (reply == null) {
            Flight mine = new Flight(key.hash());
            Flight current = flights.putIfAbsent(key.hash(), mine);
            if (current != null) {
                events.lookup(false);
                events.joined();
                return new Admission.Follow(key, current);
            }
            reply = entries.getIfPresent(key.hash());   // a leader that ended between the look-up and the claim stored it
            if (reply == null) {
                events.lookup(false);
                return new Admission.Fill(key, recorder(), Optional.of(mine));
            }
            end(mine, Optional.of(reply));
        }
        events.lookup(true);
        return new Admission.Hit(key, reply, false);
    }

    /**
     * What a {@link Admission.Follow follower} does once its wait ended: answer with the leader's reply
     * ({@code reply}), forward after all (the leader stored nothing, or the wait ran out: empty), or nothing
     * ({@code left}: its client went away). Counts the result.
     */
    public Admission afterWait(Admission.Follow follow, Optional<CachedReply> reply, boolean left) {
        if (left) {
            events.coalesced("left");
            return new Admission.Abandoned();
        }
        if (reply.isPresent()) {
            events.coalesced("served");
            return new Admission.Hit(follow.key(), reply.get(), true);
        }
        events.coalesced("proceeded");
        return new Admission.Fill(follow.key(), recorder(), Optional.empty());
    }

    /**
     * Stores what a fill recorded when the reply deserves it: status 200, relayed completely ({@code complete}:
     * no upstream failure, no client gone), and not over {@link CacheConfig#maxEntryBytes}; then ends the fill's
     * flight, if it leads one, with what was stored.
     */
    public void offer(Admission.Fill fill, int status, boolean complete, String contentType) {
        Optional<CachedReply> stored = store(fill, status, complete, contentType);
        fill.flight().ifPresent(f -> end(f, stored));
    }

    /** Ends a leading fill's flight with nothing stored, unless {@link #offer} ended it already. */
    public void release(Admission.Fill fill) {
        fill.flight().ifPresent(f -> end(f, Optional.empty()));
    }

    private Optional<CachedReply> store(Admission.Fill fill, int status, boolean complete, String contentType) {
        if (status != 200 || !complete) {
            events.store("not_ok");
            return Optional.empty();
        }
        Optional<CachedReply> reply = fill.recorder().reply(contentType);
        if (reply.isEmpty()) {
            events.store("too_large");
            return Optional.empty();
        }
        entries.put(fill.key().hash(), reply.get());
        events.store("stored");
        return reply;
    }

    private void end(Flight flight, Optional<CachedReply> reply) {
        flights.remove(flight.hash(), flight);   // after the put: a newcomer finds the entry or the flight
        flight.end(reply);
    }

    private ReplyRecorder recorder() {
        return new ReplyRecorder(config.maxEntryBytes());
    }

    /** Weight of the entries held now (bytes, see {@link CachedReply#weight}); expired entries are dropped first. */
    public long storedBytes() {
        entries.cleanUp();
        return entries.policy().eviction().orElseThrow().weightedSize().orElse(0);   // bounded by weight: always there
    }

    /** Entries held now; expired entries are dropped first. */
    public long entries() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private Admission bypass(String reason) {
        events.bypass(reason);
        return Admission.PASS;
    }
}
