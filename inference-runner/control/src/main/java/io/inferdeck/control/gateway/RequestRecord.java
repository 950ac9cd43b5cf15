package io.inferdeck.control.gateway;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One finished request as the gateway saw it: the request log's entry and what the metrics count.
 * Immutable. Times in milliseconds; {@code ttftMs} is empty when no token was streamed (non-streamed
 * replies, refusals). {@code upstream} is {@code none} when the gateway answered itself.
 *
 * @param estimated true when a token count was not reported by the engine ({@code usage}) but counted
 *                  by the gateway (streamed content events, or about 4 characters per token)
 * @param cacheHit  answered from the gateway's response cache (upstream is then {@code cache})
 * @param safety    the live safety decision: {@code none} (no filter ran), {@code pass}, {@code masked},
 *                  {@code review} (queued for review: forwarded, or held until reviewed), {@code blocked}
 * @param prompt     the prompt texts as forwarded, PII-masked and cut at 4,096 characters; present only with
 *                   prompt capture on ({@code gateway.capturePrompts})
 * @param completion the reply text as the client received it, masked and cut the same way; capture only
 */
public record RequestRecord(Instant at, String path, String keyId, String upstream, String model, int status,
                            Outcome outcome, double queueMs, OptionalDouble ttftMs, double e2eMs, long tokensIn,
                            long tokensOut, boolean estimated, boolean cacheHit, String safety,
                            Optional<String> prompt, Optional<String> completion) {

    public static final String NONE = "none";

    /** How a request ended; the label value is the lower-case name. */
    public enum Outcome {
        /** The upstream answered 2xx/3xx/4xx and the body reached the client. */
        OK,
        /** The upstream failed (no answer, 5xx, broke off mid-body). */
        ERROR,
        /** The gateway refused it (auth, limits, no healthy upstream). */
        REJECTED,
        /** The client went away before the reply was complete. */
        ABORTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RequestRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ttftMs, "ttftMs");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
    }
}
