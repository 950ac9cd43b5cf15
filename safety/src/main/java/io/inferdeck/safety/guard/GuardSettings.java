package io.inferdeck.safety.guard;

import io.inferdeck.safety.Decision;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the guard model is served and how far to trust the call. Immutable.
 *
 * @param endpoint      the engine's base URL ({@code http://127.0.0.1:8081}) or its full chat path; {@code
 *                      /v1/chat/completions} is appended to a URL without {@code /chat/completions}
 * @param model         the model name the engine serves the guard under ({@code llama-guard3:1b})
 * @param keyEnv        the environment variable holding the API key sent as a bearer token, if the engine wants
 *                      one (the key itself never appears in settings, argv or logs)
 * @param timeout       the whole call, connect to last body byte; past it the call is abandoned
 * @param maxReplyBytes a reply body larger than this is cut off and counted as a failure
 * @param onFailure     what a failed call (timeout, HTTP error, oversized or unreadable reply) decides: ALLOW
 *                      fails open, REVIEW or BLOCK fail closed
 * @param prompt        how the text becomes chat messages
 */
public record GuardSettings(URI endpoint, String model, Optional<String> keyEnv, Duration timeout, int maxReplyBytes,
                            Decision onFailure, GuardPrompt prompt) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_REPLY_BYTES = 64 * 1024;

    public GuardSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        keyEnv = keyEnv == null ? Optional.empty() : keyEnv.filter(k -> !k.isBlank());
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        onFailure = onFailure == null ? Decision.REVIEW : onFailure;
        prompt = prompt == null ? GuardPrompt.TEMPLATE : prompt;
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("guard endpoint must be an http(s) URL: " + endpoint);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("guard model must be named");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("guard timeout must be positive: " + timeout);
        }
        if (maxReplyBytes < 256) {
            throw new IllegalArgumentException("guard maxReplyBytes must be at least 256: " + maxReplyBytes);
        }
        if (onFailure == Decision.REDACT) {
            throw new IllegalArgumentException("guard onFailure must be allow, review or block");
        }
    }

    /** Defaults for everything but where and which model: no key, 2 s, 64 KiB, REVIEW on failure, TEMPLATE. */
    public static GuardSettings of(URI endpoint, String model) {
        return new GuardSettings(endpoint, model, Optional.empty(), null, DEFAULT_MAX_REPLY_BYTES, null, null);
    }

    /** The chat completions URL the stage posts to. */
    public URI chatUrl() {
        String s = endpoint.toString();
        if (s.endsWith("/chat/completions")) {
            return endpoint;
        }
        return URI.create(s.replaceAll("/+$", "") + (s.replaceAll("/+$", "").endsWith("/v1") ? "" : "/v1")
                + "/chat/completions");
    }

    /** What about these settings changes the stage's answers, for the pipeline's config hash (no key, no URL path). */
    public String describe() {
        return "|guard=" + model + "@" + endpoint.getHost() + ":" + endpoint.getPort() + "," + prompt.name().toLowerCase(
                java.util.Locale.ROOT) + ",fail=" + onFailure.wire();
    }
}
