package io.inferdeck.control.gateway.cache;

import java.util.Objects;

/** What the cache makes of one request before it is routed. */
public sealed interface Admission {
    /** Not cache traffic (not a completion request), or a bypass: forward it and store nothing. */
    Admission PASS = new Pass();

    record Pass() implements Admission {
    }

    /** Answer it with {@code reply} (the upstream is not asked). */
    record Hit(CacheKey key, CachedReply reply) implements Admission {
        public Hit {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * Forward it and record the reply with {@code recorder} for {@link ResponseCache#offer}: a miss, or a
     * {@code no-cache} request that refreshes the entry.
     */
    record Fill(CacheKey key, ReplyRecorder recorder) implements Admission {
    }
}
