package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prompt texts of an OpenAI-style request body, in body order, and the body with them replaced: every
 * {@code messages[].content} string or {@code {"type":"text","text":...}} part, {@code prompt} and {@code input}
 * (a string or an array of strings; token-id arrays are not text). Other fields (tool definitions, images) are
 * not read. Confined to the request's thread.
 */
final class PromptTexts {
    /** Where one text sits: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        String text() {
            return (field != null ? parent.get(field) : parent.get(index)).textValue();
        }

        void set(String text) {
            if (field != null) {
                ((ObjectNode) parent).set(field, TextNode.valueOf(text));
            } else {
                ((ArrayNode) parent).set(index, TextNode.valueOf(text));
            }
        }
    }

    private final List<Slot> slots = new ArrayList<>();

    private PromptTexts(ObjectNode root) {
        for (JsonNode m : root.path("messages")) {
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                slots.add(new Slot(m, "content", -1));
            }
            for (JsonNode part : content.isArray() ? content : List.<JsonNode>of()) {
                if (part.path("text").isTextual()) {
                    slots.add(new Slot(part, "text", -1));
                }
            }
        }
        for (String field : new String[] {"prompt", "input"}) {
            JsonNode v = root.path(field);
            if (v.isTextual()) {
                slots.add(new Slot(root, field, -1));
            }
            for (int i = 0; v.isArray() && i < v.size(); i++) {
                if (v.get(i).isTextual()) {
                    slots.add(new Slot(v, null, i));
                }
            }
        }
    }

    /** Empty when the body is not a JSON object. The texts are read from, and replaced in, the body's shared tree. */
    static Optional<PromptTexts> of(RequestBody body) {
        return body.json().map(PromptTexts::new);
    }

    List<String> texts() {
        return slots.stream().map(Slot::text).toList();
    }

    /** {@code body} itself when {@code texts} equal the current ones, else the body re-written with them. */
    RequestBody withTexts(List<String> texts, RequestBody body) {
        if (texts.equals(texts())) {
            return body;
        }
        if (texts.size() != slots.size()) {
            throw new IllegalArgumentException("expected " + slots.size() + " texts, got " + texts.size());
        }
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).set(texts.get(i));
        }
        return body.rewritten();
    }
}
