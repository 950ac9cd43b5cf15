package io.inferdeck.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code POST /tokenize} in llama-server's shape: {@code {"content":"text","add_special":false}} →
 * {@code {"tokens":[ids...]}}. {@code add_special} (default false, as in llama-server) prepends BOS when the
 * model asks for one, giving exactly the ids a completion prompt becomes. Unknown fields are refused.
 * Stateless and thread-safe; tokenizing is read-only in llama.cpp.
 */
final class TokenizeEndpoint {
    private static final Set<String> FIELDS = Set.of("content", "add_special");

    private final RequestParser parser;
    private final InputLimits limits;

    TokenizeEndpoint(RequestParser parser, InputLimits limits) {
        this.parser = parser;
        this.limits = limits;
    }

    JsonNode answer(byte[] body, Engine engine) throws ApiError {
        JsonNode root = parser.object(body);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest("Unrecognized request argument supplied: " + name + " (/tokenize takes "
                        + "content and add_special)", name);
            }
        }
        RequestParser.Fields f = new RequestParser.Fields(root);
        String content = limits.checkText(f.string("content"), "content");
        if (content == null) {
            throw ApiError.badRequest("content is required", "content");
        }
        boolean addSpecial = f.bool("add_special").orElse(false);
        int[] ids;
        try {
            ids = engine.tokenize(content, addSpecial);
        } catch (EngineException e) {
            throw ApiError.badRequest("The model could not tokenize this input: " + e.getMessage(), "content");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode tokens = out.putArray("tokens");
        for (int id : ids) {
            tokens.add(id);
        }
        return out;
    }
}
