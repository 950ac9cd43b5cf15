package io.inferdeck.control.gateway.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client key as the store knows it: never the secret, which is only ever held hashed. Immutable.
 *
 * @param id   short and not secret: the {@code key} label in the gateway's metrics and {@code keyId} in its log
 * @param name the operator's name for it, unique among keys that are not revoked
 */
public record ApiKey(String id, String name, KeyLimits limits, Instant created, Optional<Instant> revoked) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(revoked, "revoked");
    }

    public boolean active() {
        return revoked.isEmpty();
    }

    ApiKey revokedAt(Instant at) {
        return new ApiKey(id, name, limits, created, Optional.of(at));
    }
}
