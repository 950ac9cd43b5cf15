package io.inferdeck.control.gateway;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Why the gateway answers a request itself with an error instead of forwarding it: written in OpenAI's error
 * shape ({@link OpenAiErrors}), with a {@code Retry-After} header when {@code retryAfterSeconds} is present.
 * Immutable.
 *
 * @param code OpenAI's machine-readable code ({@code invalid_api_key}, {@code rate_limit_exceeded}, ...)
 */
public record Refusal(int status, String message, String code, OptionalLong retryAfterSeconds) {

    public Refusal {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
    }

    public Refusal(int status, String message, String code) {
        this(status, message, code, OptionalLong.empty());
    }

    /** 401: the caller is not who the gateway admits. */
    public static Refusal unauthorized(String message) {
        return new Refusal(401, message, "invalid_api_key");
    }

    /** 429 with {@code Retry-After: seconds} (at least 1). */
    public static Refusal tooMany(String message, long seconds) {
        return new Refusal(429, message, "rate_limit_exceeded", OptionalLong.of(Math.max(1, seconds)));
    }
}
