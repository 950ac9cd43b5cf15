package io.inferdeck.control.gateway.cache;

import java.util.Objects;
import java.util.Optional;

/** What the cache makes of one request before it is routed. */
public sealed interface Admission {
    /** Not cache traffic (not a completion request), or a bypass: forward it and store nothing. */
    Admission PASS = new Pass();

    record Pass() implements Admission {
    }

    /**
     * Answer it with {@code reply} (the upstream is not asked). {@code coalesced}: the reply is the one an
     * identical request in flight brought back while this one waited ({@link Follow}), not a stored one found at once.
     */
    record Hit(CacheKey key, CachedReply reply, boolean coalesced) implements Admission {
        public Hit {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * Forward it and record the reply with {@code recorder} for {@link ResponseCache#offer}: a miss, or a
     * {@code no-cache} request that refreshes the entry. {@code flight} is present when this request leads: identical
     * requests arriving meanwhile wait for it, so its owner must end it ({@link ResponseCache#offer} or
     * {@link ResponseCache#release}) whatever happens to the request.
     */
    record Fill(CacheKey key, ReplyRecorder recorder, Optional<Flight> flight) implements Admission {
        public Fill {
            Objects.requireNonNull(flight, "flight");
        }
    }

    /**
     * A miss while an identical request is being answered: wait for {@code flight} to end, then
     * {@link ResponseCache#afterWait} says what to do (answer with its reply, or forward after all).
     */
    record Follow(CacheKey key, Flight flight) implements Admission {
    }

    /** The client left while its request waited for an identical one ({@link Follow}): nothing more to do. */
    record Abandoned() implements Admission {
    }
}
