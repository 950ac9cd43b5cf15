package io.inferdeck.control.gateway.keys;

import io.inferdeck.control.gateway.Admission;
import io.inferdeck.control.gateway.BearerToken;
import io.inferdeck.control.gateway.Refusal;
import io.inferdeck.control.gateway.RequestRecord;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission by the key store ({@code gateway.keys: true}). The profile's {@code apiKey}, when it has one, still
 * admits, as key id {@code profile}, without limits (it is the operator's key, also the engines' own). Any other
 * bearer key is looked up by its hash (no secret comparison happens, so there is no timing to learn from):
 * unknown or revoked → 401 (a revoked key's id is logged); an active key's limits → 429 with Retry-After. The gateway's read-only pages
 * ({@code /metrics}, {@code /inferdeck/...}) admit any valid key and, as the open gateway does, clients on this
 * machine without one (the console's Dashboard reads them). Forwarded requests reach the engine with the profile's
 * key (or none), never the client's. Thread-safe.
 */
final class KeyAdmission implements Admission {
    static final String PROFILE = "profile";
    private final KeyStore store;
    private final KeyLimiter limiter;
    private final UsageMeter meter;
    private final Clock clock;
    private final Optional<byte[]> profileHeader;
    private final String upstreamAuthorization;

    KeyAdmission(KeyStore store, KeyLimiter limiter, UsageMeter meter, Clock clock, Optional<String> profileKey) {
        this.store = store;
        this.limiter = limiter;
        this.meter = meter;
        this.clock = clock;
        this.profileHeader = profileKey.map(BearerToken::header);
        this.upstreamAuthorization = profileKey.map(k -> "Bearer " + k).orElse(null);
    }

    @Override
    public Ticket admit(String authorization, boolean loopbackClient, boolean metered) {
        if (profileHeader.isPresent() && BearerToken.matches(authorization, profileHeader.get())) {
            return metered ? new KeyTicket(PROFILE, false) : PlainTicket.admitted(PROFILE);
        }
        Optional<String> secret = BearerToken.of(authorization);
        if (secret.isEmpty()) {
            return !metered && loopbackClient ? PlainTicket.admitted(RequestRecord.NONE)
                    : PlainTicket.refused(RequestRecord.NONE, Refusal.unauthorized("missing API key (Authorization: Bearer KEY)"));
        }
        Optional<ApiKey> key = store.lookup(secret.get());
        if (key.isEmpty()) {
            return PlainTicket.refused(RequestRecord.NONE, Refusal.unauthorized("invalid API key"));
        }
        ApiKey k = key.get();
        if (!k.active()) {
            return PlainTicket.refused(k.id(), Refusal.unauthorized("this API key was revoked"));   // logged: who still tries
        }
        if (!metered) {
            return PlainTicket.admitted(k.id());
        }
        Optional<Refusal> limited = limiter.acquire(k, clock.millis());
        return limited.<Ticket>map(r -> new RefusedTicket(k.id(), r)).orElseGet(() -> new KeyTicket(k.id(), true));
    }

    /** A forwarded request of a known key: holds a place in its limits (store keys) and counts as its usage. */
    private final class KeyTicket implements Ticket {
        private final String keyId;
        private final boolean limited;
        private final AtomicBoolean closed = new AtomicBoolean();

        KeyTicket(String keyId, boolean limited) {
            this.keyId = keyId;
            this.limited = limited;
        }

        @Override
        public String keyId() {
            return keyId;
        }

        @Override
        public Optional<Refusal> refusal() {
            return Optional.empty();
        }

        @Override
        public String upstreamAuthorization(String clientAuthorization) {
            return upstreamAuthorization;
        }

        @Override
        public void close(Optional<RequestRecord> done) {
            if (!closed.compareAndSet(false, true)) {
                return;   // settled already: never release a place twice
            }
            if (limited) {
                limiter.release(keyId, done.map(r -> r.tokensIn() + r.tokensOut()).orElse(0L), clock.millis());
            }
            meter.count(keyId, done);
        }
    }

    /** A known key over one of its limits: holds nothing, but the refused request counts as its usage (an error). */
    private final class RefusedTicket implements Ticket {
        private final String keyId;
        private final Refusal refusal;
        private final AtomicBoolean closed = new AtomicBoolean();

        RefusedTicket(String keyId, Refusal refusal) {
            this.keyId = keyId;
            this.refusal = refusal;
        }

        @Override
        public String keyId() {
            return keyId;
        }

        @Override
        public Optional<Refusal> refusal() {
            return Optional.of(refusal);
        }

        @Override
        public void close(Optional<RequestRecord> done) {
            if (closed.compareAndSet(false, true)) {
                meter.count(keyId, done);
            }
        }
    }
}
