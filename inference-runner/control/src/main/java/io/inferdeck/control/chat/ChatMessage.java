package io.inferdeck.control.chat;

import java.util.Objects;
import java.util.Set;

/** One chat turn as the OpenAI API names it: role {@code system}, {@code user} or {@code assistant}. */
public record ChatMessage(String role, String content) {
    static final Set<String> ROLES = Set.of("system", "user", "assistant");

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role: " + role);
        }
        content = content == null ? "" : content;
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", text);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", text);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", text);
    }
}
