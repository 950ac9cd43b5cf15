package io.inferdeck.control.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * The profile's {@code gateway} block: how the deployment's front door logs, caches, filters and admits
 * traffic. Every field is optional; {@code null} in the file means the documented default, applied here so
 * the rest of the code never sees a null. Immutable; structural checks only (ranges are the
 * {@link ProfileValidator}'s job, so an editor can show every problem at once).
 *
 * @param capturePrompts store prompt and completion text (PII-masked) in the request log; off by default
 * @param logCapacity    requests kept in memory for the Traffic page (default 2,000)
 * @param logFile        optional JSONL request log, rotated by size; {@code null} = none
 * @param maxBodyBytes   larger request bodies are refused with 413 (default 8 MiB)
 * @param keys           admit clients by the key store ({@code ./inferdeck keys}) with per-key limits
 * @param cache          the response cache; {@code null} = off
 * @param safety         live safety filtering of requests and streamed replies; {@code null} = off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewaySettings(Boolean capturePrompts, Integer logCapacity, String logFile, Long maxBodyBytes,
                              Boolean keys, Cache cache, Safety safety) {

    public static final int DEFAULT_LOG_CAPACITY = 2_000;
    public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;

    /** Every default: log 2,000 requests in memory, no capture, no keys, no cache, no live safety. */
    public static final GatewaySettings DEFAULTS = new GatewaySettings(null, null, null, null, null, null, null);

    /** Jackson's value filter: a profile at the defaults is saved without a {@code gateway} block. */
    static final class IsDefault {
        @Override
        public boolean equals(Object other) {
            return DEFAULTS.equals(other);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    public GatewaySettings {
        capturePrompts = capturePrompts != null && capturePrompts;
        logCapacity = logCapacity == null ? DEFAULT_LOG_CAPACITY : logCapacity;
        maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
        keys = keys != null && keys;
    }

    /**
     * Response cache (present = on). Only deterministic requests are cached (temperature 0 or a fixed seed)
     * unless {@code allowSampled}.
     *
     * @param maxBytes   total size of cached replies (default 64 MiB), least recently used evicted first
     * @param ttlSeconds a reply older than this is not served (default 600)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cache(Long maxBytes, Integer ttlSeconds, Boolean allowSampled) {
        public static final long DEFAULT_MAX_BYTES = 64L << 20;
        public static final int DEFAULT_TTL_SECONDS = 600;

        public Cache {
            maxBytes = maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
            ttlSeconds = ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds;
            allowSampled = allowSampled != null && allowSampled;
        }
    }

    /**
     * Live safety filtering with the same filter stages as the safety suites (present = on).
     *
     * @param input  run the input stages on each request before it is forwarded (default true)
     * @param output run the output stages on the reply as it streams (default true)
     * @param review what a "review" verdict on a request does: {@code forward} (forward it and queue it for
     *               review, default) or {@code hold} (refuse it until reviewed)
     * @param stages stage ids to run, trimmed and lower-cased as the safety module reads them; empty = every stage
     * @param guard  the guard-model stage ({@code guard}): present = a stage asks this guard model; {@code null} = none
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Safety(Boolean input, Boolean output, String review, List<String> stages, Guard guard) {
        /** The {@code review} values (checked by {@link ProfileValidator}). */
        public static final List<String> REVIEW_MODES = List.of("forward", "hold");

        public Safety {
            input = input == null || input;
            output = output == null || output;
            review = review == null ? "forward" : review.toLowerCase(Locale.ROOT);
            stages = stages == null ? List.of() : stages.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        }

        /** Without a guard model. */
        public Safety(Boolean input, Boolean output, String review, List<String> stages) {
            this(input, output, review, stages, null);
        }
    }

    /**
     * A guard model (Llama Guard 3 or similar) served by an engine, asked over its OpenAI-compatible chat endpoint
     * (docs/safety/guard-model.md). Ranges and names are the {@link ProfileValidator}'s job.
     *
     * @param url       the engine's base URL ({@code http://127.0.0.1:8081})
     * @param model     the name the engine serves it under (default {@code llama-guard3})
     * @param keyEnv    environment variable holding the engine's API key (the key never goes in the profile)
     * @param timeoutMs the whole call per text (default 2,000)
     * @param onFailure what a failed call decides: {@code allow}, {@code review} (default) or {@code block}
     * @param prompt    {@code template} (default: the engine's Llama Guard template builds the task) or {@code inline}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Guard(String url, String model, String keyEnv, Integer timeoutMs, String onFailure, String prompt) {
        /** The stage id a guard block adds (the safety module's {@code GuardStage.ID}; control does not see it). */
        public static final String STAGE = "guard";
        public static final List<String> ON_FAILURE = List.of("allow", "review", "block");
        public static final List<String> PROMPTS = List.of("template", "inline");

        public Guard {
            model = model == null ? "llama-guard3" : model;
            timeoutMs = timeoutMs == null ? 2_000 : timeoutMs;
            onFailure = onFailure == null ? "review" : onFailure.toLowerCase(Locale.ROOT);
            prompt = prompt == null ? "template" : prompt.toLowerCase(Locale.ROOT);
        }
    }
}
