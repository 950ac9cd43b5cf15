package io.inferdeck.views.keys;

import io.inferdeck.control.gateway.keys.ApiKey;
import io.inferdeck.control.gateway.keys.KeyUsage;
import java.time.LocalDate;
import java.util.List;

/**
 * One key as the table lists it, with its usage added up over the days shown. Immutable.
 *
 * @param requests  requests in the days shown
 * @param tokensIn  prompt tokens in the days shown
 * @param tokensOut completion tokens in the days shown
 */
public record KeyRow(ApiKey key, long requests, long tokensIn, long tokensOut) {

    /** Prompt and completion tokens together. */
    public long tokens() {
        return tokensIn + tokensOut;
    }

    /** {@code key} with the usage rows of its id from {@code from} on. */
    static KeyRow of(ApiKey key, List<KeyUsage> usage, LocalDate from) {
        long requests = 0;
        long in = 0;
        long out = 0;
        for (KeyUsage u : usage) {
            if (u.keyId().equals(key.id()) && !u.day().isBefore(from)) {
                requests += u.requests();
                in += u.tokensIn();
                out += u.tokensOut();
            }
        }
        return new KeyRow(key, requests, in, out);
    }
}
