package io.inferdeck.control.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.control.driver.OpenAiSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Fits a completion request to what the engines behind the gateway take, once, before routing: a feature
 * none of them has ({@code tools}, a JSON {@code response_format}) is refused here with a 400 naming the
 * parameter, and the defaults clients send by habit are removed when an engine would refuse them as unknown
 * fields. Only {@code POST /v1/chat/completions} and {@code /v1/completions} with a JSON object body are
 * looked at; anything else (and every request when the engines take OpenAI's whole surface) passes
 * untouched, byte for byte. Stateless and thread-safe.
 */
final class RequestCompat {
    /** The answer for one body: forward it (possibly rewritten), or refuse it naming the parameter. */
    sealed interface Checked {
    }

    record Forward(RequestBody body) implements Checked {
    }

    record Unsupported(String param, String message) implements Checked {
        void write(Response response, Callback callback) {
            OpenAiErrors.write(response, callback, 400, message, param, "unsupported_parameter");
        }
    }

    /** Reads a body again only to find duplicate names: such a body reaches the engine untouched and is judged there. */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Predicate<JsonNode> ANY = v -> true;
    /** Fields that change nothing at these values (or, for {@code user} and {@code metadata}, only label the request). */
    private static final Map<String, Predicate<JsonNode>> HARMLESS = Map.of(
            "logit_bias", v -> v.isObject() && v.isEmpty(),
            "store", v -> v.isBoolean() && !v.booleanValue(),
            "user", JsonNode::isTextual,
            "metadata", JsonNode::isObject);
    /** The same for an engine without tool calling: with no tools to call these cannot change the reply. */
    private static final Map<String, Predicate<JsonNode>> HARMLESS_WITHOUT_TOOLS = Map.of(
            "tools", v -> v.isArray() && v.isEmpty(),
            "tool_choice", v -> v.isTextual() && (v.textValue().equals("none") || v.textValue().equals("auto")),
            "parallel_tool_calls", ANY);
    private static final Predicate<JsonNode> TEXT_FORMAT = v -> v.isObject() && v.size() == 1
            && v.path("type").asText("").equals("text");

    private final OpenAiSupport api;

    RequestCompat(OpenAiSupport api) {
        this.api = api;
    }

    Checked check(String method, String path, RequestBody body) {
        if (api.equals(OpenAiSupport.PASS_THROUGH) || !method.equals("POST")
                || !(path.equals("/v1/chat/completions") || path.equals("/v1/completions"))) {
            return new Forward(body);
        }
        Optional<ObjectNode> json = body.json();
        if (json.isEmpty()) {
            return new Forward(body);   // the engine names what is wrong with the JSON in its own words
        }
        ObjectNode root = json.get();
        List<String> strip = new ArrayList<>();
        Unsupported refused = null;
        for (var field : root.properties()) {
            String name = field.getKey();
            JsonNode v = field.getValue();
            if (v.isNull() || harmless(name, v)) {   // JSON null means "absent" to OpenAI
                if (api.rejectsUnknownFields()) {
                    strip.add(name);
                }
            } else if (!api.tools() && HARMLESS_WITHOUT_TOOLS.containsKey(name)) {
                refused = new Unsupported(name, name + " is not supported by this deployment's engine (it has no tool calling)");
                break;
            } else if (!api.responseFormats() && name.equals("response_format")) {
                refused = new Unsupported(name, "response_format " + v.path("type").asText(v.toString())
                        + " is not supported by this deployment's engine (only {\"type\":\"text\"})");
                break;
            }
        }
        if (refused == null && strip.isEmpty() || duplicateNames(body.bytes())) {
            return new Forward(body);
        }
        if (refused != null) {
            return refused;
        }
        root.remove(strip);
        return new Forward(body.rewritten());
    }

    /** Whether the (valid) JSON in {@code bytes} repeats a name within an object: only checked before acting on it. */
    private static boolean duplicateNames(byte[] bytes) {
        try (JsonParser p = STRICT.createParser(bytes)) {
            while (p.nextToken() != null) {
                // every name is read: the parser checks each against its object's others
            }
            return false;
        } catch (IOException e) {
            return true;   // it parsed without the check: the duplicate is what failed
        }
    }

    private boolean harmless(String name, JsonNode v) {
        if (HARMLESS.getOrDefault(name, x -> false).test(v)) {
            return true;
        }
        if (!api.tools() && HARMLESS_WITHOUT_TOOLS.getOrDefault(name, x -> false).test(v)) {
            return true;
        }
        return !api.responseFormats() && name.equals("response_format") && TEXT_FORMAT.test(v);
    }
}
