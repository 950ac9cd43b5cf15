package io.inferdeck.control.gateway.keys;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What one key used on one UTC day. Immutable.
 *
 * @param keyId  a store key's id, or {@code profile} for the profile's own key
 * @param errors requests that got an error status (400 and above, the gateway's refusals included) or were cut off
 */
public record KeyUsage(LocalDate day, String keyId, long requests, long tokensIn, long tokensOut, long errors) {

    public KeyUsage {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(keyId, "keyId");
    }

    KeyUsage plus(KeyUsage o) {
        return new KeyUsage(day, keyId, requests + o.requests, tokensIn + o.tokensIn, tokensOut + o.tokensOut, errors + o.errors);
    }
}
