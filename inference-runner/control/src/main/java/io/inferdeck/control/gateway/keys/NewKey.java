package io.inferdeck.control.gateway.keys;

import java.util.Objects;

/**
 * A key just created: the only time its secret exists outside the client that receives it. {@link #toString()}
 * leaves the secret out, so logging this record never leaks it. Immutable.
 */
public record NewKey(ApiKey key, String secret) {

    public NewKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "NewKey[" + key + ", secret=<not shown>]";
    }
}
