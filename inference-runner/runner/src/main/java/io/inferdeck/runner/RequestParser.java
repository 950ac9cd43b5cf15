package io.inferdeck.runner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.runner.CompletionRequest.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns an OpenAI-shaped JSON body into a {@link CompletionRequest}, or an {@link ApiError} (400) naming
 * the offending field. JSON null counts as absent. Unknown fields are refused, as OpenAI does, except a
 * few that clients send by habit and that change nothing at their default value. Stateless, thread-safe.
 */
final class RequestParser {
    private static final Set<String> COMMON = Set.of("model", "stream", "stream_options", "max_tokens", "temperature",
            "top_p", "top_k", "seed", "stop", "presence_penalty", "frequency_penalty", "n", "user", "ignore_eos");
    private static final Set<String> CHAT_ONLY = Set.of("messages", "max_completion_tokens");
    private static final Set<String> TEXT_ONLY = Set.of("prompt");
    /** Accepted only at their no-op value (value shown as JSON). */
    private static final Map<String, String> NO_OP = Map.of("logprobs", "false", "echo", "false", "suffix", "\"\"",
            "response_format", "{\"type\":\"text\"}", "parallel_tool_calls", "false");

    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final InputLimits limits;

    RequestParser(InputLimits limits) {
        this.limits = limits;
    }

    CompletionRequest parse(byte[] body, Kind kind) throws ApiError {
        JsonNode root = object(body);
        Fields f = new Fields(root);
        checkNames(root, kind);
        f.string("model");
        f.string("user");
        OptionalInt n = f.integer("n", 1, 128);
        if (n.isPresent() && n.getAsInt() != 1) {
            throw ApiError.badRequest("Only n=1 is supported", "n");
        }
        boolean stream = f.bool("stream").orElse(false);
        boolean includeUsage = false;
        JsonNode so = f.object("stream_options");
        if (so != null) {
            includeUsage = new Fields(so, "stream_options.").bool("include_usage").orElse(false);
        }
        OptionalInt maxTokens = f.integer("max_tokens", 1, Integer.MAX_VALUE);
        if (kind == Kind.CHAT && maxTokens.isEmpty()) {
            maxTokens = f.integer("max_completion_tokens", 1, Integer.MAX_VALUE);
        }
        Sampling sampling = new Sampling(maxTokens.orElse(0), f.number("temperature", 0, 2), f.number("top_p", 0, 1),
                f.integer("top_k", 0, 1_000_000), f.integer("seed", 0, Integer.MAX_VALUE), stopStrings(root.get("stop")),
                f.number("presence_penalty", -2, 2), f.number("frequency_penalty", -2, 2),
                f.bool("ignore_eos").orElse(false));
        if (kind == Kind.CHAT) {
            ChatMessages chat = ChatMessages.parse(root.get("messages"), limits);
            return new CompletionRequest(kind, null, chat.system(), chat.turns(), stream, includeUsage, maxTokens, sampling);
        }
        return new CompletionRequest(kind, limits.checkText(prompt(root.get("prompt")), "prompt"), null, List.of(), stream, includeUsage, maxTokens, sampling);
    }

    /** The body as a JSON object, or a 400 naming what is wrong with it. */
    JsonNode object(byte[] body) throws ApiError {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own text names its source object; keep the reason and the position only.
            String why = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s*\\(start marker at .*", "");
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw ApiError.badRequest("Malformed JSON body" + at + ": " + why, null);
        } catch (IOException e) {
            throw ApiError.badRequest("Unreadable request body", null);
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("The request body must be a JSON object", null);
        }
        return root;
    }

    private void checkNames(JsonNode root, Kind kind) throws ApiError {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode v = root.get(name);
            if (COMMON.contains(name) || (kind == Kind.CHAT ? CHAT_ONLY : TEXT_ONLY).contains(name)) {
                continue;
            }
            String noOp = NO_OP.get(name);
            if (noOp != null) {
                if (v.isNull() || v.equals(readQuietly(noOp))) {
                    continue;
                }
                throw ApiError.badRequest(name + " is not supported by this runner (only " + noOp + ")", name);
            }
            throw ApiError.badRequest("Unrecognized request argument supplied: " + name, name);
        }
    }

    private JsonNode readQuietly(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prompt(JsonNode p) throws ApiError {
        if (p != null && p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
            p = p.get(0);
        }
        if (p == null || p.isNull()) {
            throw ApiError.badRequest("prompt is required", "prompt");
        }
        if (!p.isTextual()) {
            throw ApiError.badRequest("prompt must be a string (or an array holding one string)", "prompt");
        }
        if (p.textValue().isEmpty()) {
            throw ApiError.badRequest("prompt must not be empty", "prompt");
        }
        return p.textValue();
    }

    /** OpenAI allows a string or up to 4 strings. */
    private static List<String> stopStrings(JsonNode s) throws ApiError {
        if (s == null || s.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (s.isTextual()) {
            out.add(s.textValue());
        } else if (s.isArray() && s.size() <= 4) {
            for (JsonNode e : s) {
                if (!e.isTextual()) {
                    throw ApiError.badRequest("stop must be a string or an array of up to 4 strings", "stop");
                }
                out.add(e.textValue());
            }
        } else {
            throw ApiError.badRequest("stop must be a string or an array of up to 4 strings", "stop");
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw ApiError.badRequest("stop strings must not be empty", "stop");
        }
        return out;
    }

    /** Typed, range-checked access to optional fields of one JSON object. */
    record Fields(JsonNode obj, String prefix) {
        Fields(JsonNode obj) {
            this(obj, "");
        }

        private JsonNode get(String name) {
            JsonNode v = obj.get(name);
            return v == null || v.isNull() ? null : v;
        }

        String string(String name) throws ApiError {
            JsonNode v = get(name);
            if (v != null && !v.isTextual()) {
                throw ApiError.badRequest(prefix + name + " must be a string", prefix + name);
            }
            return v == null ? null : v.textValue();
        }

        java.util.Optional<Boolean> bool(String name) throws ApiError {
            JsonNode v = get(name);
            if (v != null && !v.isBoolean()) {
                throw ApiError.badRequest(prefix + name + " must be true or false", prefix + name);
            }
            return java.util.Optional.ofNullable(v == null ? null : v.booleanValue());
        }

        JsonNode object(String name) throws ApiError {
            JsonNode v = get(name);
            if (v != null && !v.isObject()) {
                throw ApiError.badRequest(prefix + name + " must be an object", prefix + name);
            }
            return v;
        }

        OptionalInt integer(String name, long min, long max) throws ApiError {
            JsonNode v = get(name);
            if (v == null) {
                return OptionalInt.empty();
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
                throw ApiError.badRequest(prefix + name + " must be an integer in " + min + ".." + max, prefix + name);
            }
            return OptionalInt.of(v.intValue());
        }

        OptionalDouble number(String name, double min, double max) throws ApiError {
            JsonNode v = get(name);
            if (v == null) {
                return OptionalDouble.empty();
            }
            if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
                throw ApiError.badRequest(prefix + name + " must be a number in " + min + ".." + max, prefix + name);
            }
            return OptionalDouble.of(v.doubleValue());
        }
    }
}
