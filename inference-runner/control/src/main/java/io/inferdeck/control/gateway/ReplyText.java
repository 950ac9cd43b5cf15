package io.inferdeck.control.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Where a reply's generated text sits in one {@code choices[]} element of OpenAI's APIs: chat
 * {@code delta.content} (streamed) or {@code message.content} (whole), completions {@code text} (both). The one
 * reading of it for the meter, the filters and capture. Stateless.
 */
final class ReplyText {
    private ReplyText() {
    }

    /** The text a streamed choice carries; empty when it carries none (a role-only or finishing event). */
    static Optional<String> streamed(JsonNode choice) {
        return text(choice.path("delta").path("content"), choice.path("text"));
    }

    /** The text of a whole (non-streamed) reply's choice. */
    static Optional<String> whole(JsonNode choice) {
        return text(choice.path("message").path("content"), choice.path("text"));
    }

    static void setStreamed(ObjectNode choice, String text) {
        set(choice, "delta", text);
    }

    static void setWhole(ObjectNode choice, String text) {
        set(choice, "message", text);
    }

    /** True for a completions-API choice (its text in {@code text}, not in a message or delta). */
    static boolean completions(JsonNode choice) {
        return choice.has("text") && !choice.has("delta") && !choice.has("message");
    }

    private static Optional<String> text(JsonNode chat, JsonNode completion) {
        return chat.isTextual() ? Optional.of(chat.textValue())
                : completion.isTextual() ? Optional.of(completion.textValue()) : Optional.empty();
    }

    private static void set(ObjectNode choice, String chatField, String text) {
        if (completions(choice)) {
            choice.put("text", text);
        } else {
            JsonNode holder = choice.path(chatField);
            (holder instanceof ObjectNode o ? o : choice.putObject(chatField)).put("content", text);
        }
    }
}
