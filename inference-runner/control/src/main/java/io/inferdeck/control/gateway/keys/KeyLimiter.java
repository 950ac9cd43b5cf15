package io.inferdeck.control.gateway.keys;

import io.inferdeck.control.gateway.Refusal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each key's limits in force: requests and tokens in a {@link SlidingMinute}, requests in flight. A request is
 * admitted only when none of its key's limits is reached, and then counted at once (requests, in flight); its
 * tokens are charged when it ends. Shared by every gateway of the process, so a key's limits hold across
 * deployments. Thread-safe: each key's state is guarded by its own monitor.
 */
final class KeyLimiter {
    /** A concurrency refusal cannot know when a slot frees; clients retry after this. */
    static final long CONCURRENCY_RETRY_SECONDS = 1;

    private static final class State {
        final SlidingMinute requests = new SlidingMinute();
        final SlidingMinute tokens = new SlidingMinute();
        int inFlight;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** Takes a place for one request of {@code key}, or says which limit it reached and when to retry. */
    Optional<Refusal> acquire(ApiKey key, long nowMillis) {
        State st = states.computeIfAbsent(key.id(), id -> new State());
        KeyLimits l = key.limits();
        String who = "key '" + key.name() + "' (" + key.id() + ")";
        synchronized (st) {
            if (l.concurrency().isPresent() && st.inFlight >= l.concurrency().getAsInt()) {
                return Optional.of(Refusal.tooMany(who + " has " + st.inFlight + " requests in flight, its limit",
                        CONCURRENCY_RETRY_SECONDS));
            }
            if (l.requestsPerMinute().isPresent()) {
                long wait = st.requests.secondsUntilBelow(l.requestsPerMinute().getAsInt(), nowMillis);
                if (wait > 0) {
                    return Optional.of(Refusal.tooMany(who + " reached its limit of " + l.requestsPerMinute().getAsInt()
                            + " requests per minute; retry in " + wait + " s", wait));
                }
            }
            if (l.tokensPerMinute().isPresent()) {
                long wait = st.tokens.secondsUntilBelow(l.tokensPerMinute().getAsLong(), nowMillis);
                if (wait > 0) {
                    return Optional.of(Refusal.tooMany(who + " used its " + l.tokensPerMinute().getAsLong()
                            + " tokens per minute; retry in " + wait + " s", wait));
                }
            }
            st.requests.add(nowMillis, 1);
            st.inFlight++;
            return Optional.empty();
        }
    }

    /** Gives back the place {@link #acquire} took and charges the request's prompt + completion tokens. */
    void release(String keyId, long tokens, long nowMillis) {
        State st = states.get(keyId);
        if (st == null) {
            return;
        }
        synchronized (st) {
            st.inFlight = Math.max(0, st.inFlight - 1);
            st.tokens.add(nowMillis, tokens);
        }
    }

    /** Requests of {@code keyId} in flight now. */
    int inFlight(String keyId) {
        State st = states.get(keyId);
        if (st == null) {
            return 0;
        }
        synchronized (st) {
            return st.inFlight;
        }
    }
}
