package io.inferdeck.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferdeck.runner.Engine.ChatTurn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * OpenAI {@code messages} reduced to what the model's chat template takes: one system text (every leading
 * system/developer message, joined by a blank line) and user/assistant turns. Content is a string or an
 * array of {@code {"type":"text","text":...}} parts. Tools, images and mid-conversation system messages are
 * refused with 400 rather than silently dropped. The {@link InputLimits} are checked here, before the
 * template sees anything: the count first, then each content as it is read. Linear in the input.
 */
record ChatMessages(String system, List<ChatTurn> turns) {

    static ChatMessages parse(JsonNode messages, InputLimits limits) throws ApiError {
        if (messages == null || messages.isNull()) {
            throw ApiError.badRequest("messages is required", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.badRequest("messages must be a non-empty array", "messages");
        }
        if (messages.size() > limits.maxMessages()) {
            throw InputLimits.tooManyMessages(messages.size(), limits.maxMessages());
        }
        long total = 0;
        StringBuilder system = new StringBuilder();
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw ApiError.badRequest(at + " must be an object", at);
            }
            for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("role") && !field.equals("content") && !field.equals("name")) {
                    throw ApiError.badRequest(at + "." + field + " is not supported by this runner", at + "." + field);
                }
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) {
                throw ApiError.badRequest(at + ".role must be a string", at + ".role");
            }
            String content = content(m.get("content"), at + ".content");
            if (content.length() > limits.maxMessageChars()) {
                throw InputLimits.messageTooLong(at + ".content", limits.maxMessageChars());
            }
            total += content.length();
            if (total > limits.maxInputChars()) {
                throw InputLimits.inputTooLong("messages", limits.maxInputChars());
            }
            switch (role.textValue()) {
                case "system", "developer" -> {
                    if (!turns.isEmpty()) {
                        throw ApiError.badRequest(at + ": system messages must come before user and assistant messages",
                                at + ".role");
                    }
                    system.append(system.isEmpty() ? "" : "\n\n").append(content);
                }
                case "user", "assistant" -> turns.add(new ChatTurn(role.textValue(), content));
                default -> throw ApiError.badRequest(at + ".role '" + role.textValue()
                        + "' is not supported (use system, developer, user or assistant)", at + ".role");
            }
        }
        return new ChatMessages(system.toString(), turns);
    }

    private static String content(JsonNode c, String at) throws ApiError {
        if (c != null && c.isTextual()) {
            return c.textValue();
        }
        if (c != null && c.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : c) {
                JsonNode type = part.get("type");
                JsonNode t = part.get("text");
                if (type == null || !"text".equals(type.asText()) || t == null || !t.isTextual()) {
                    throw ApiError.badRequest(at + ": only text parts ({\"type\":\"text\",\"text\":...}) are supported", at);
                }
                text.append(t.textValue());
            }
            return text.toString();
        }
        throw ApiError.badRequest(at + " must be a string or an array of text parts", at);
    }
}
