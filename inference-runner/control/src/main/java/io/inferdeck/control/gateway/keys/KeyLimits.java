package io.inferdeck.control.gateway.keys;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One key's limits; each empty = unlimited. Immutable.
 *
 * @param requestsPerMinute requests admitted in any sliding minute
 * @param tokensPerMinute   prompt + completion tokens of requests that finished in the sliding minute; once spent,
 *                          new requests are refused until enough of them age out
 * @param concurrency       requests of the key in flight at once
 */
public record KeyLimits(OptionalInt requestsPerMinute, OptionalLong tokensPerMinute, OptionalInt concurrency) {
    public static final KeyLimits UNLIMITED = new KeyLimits(OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty());

    /** @throws IllegalArgumentException when a limit is present but below 1 */
    public KeyLimits {
        Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
        Objects.requireNonNull(tokensPerMinute, "tokensPerMinute");
        Objects.requireNonNull(concurrency, "concurrency");
        if (requestsPerMinute.orElse(1) < 1 || tokensPerMinute.orElse(1) < 1 || concurrency.orElse(1) < 1) {
            throw new IllegalArgumentException("limits must be at least 1 (leave a limit out for unlimited)");
        }
    }

    /** From nullable values, as the CLI's options give them. */
    public static KeyLimits of(Integer rpm, Long tpm, Integer concurrency) {
        return new KeyLimits(rpm == null ? OptionalInt.empty() : OptionalInt.of(rpm),
                tpm == null ? OptionalLong.empty() : OptionalLong.of(tpm),
                concurrency == null ? OptionalInt.empty() : OptionalInt.of(concurrency));
    }
}
