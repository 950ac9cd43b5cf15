package io.inferdeck.tuning.load;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One chat request body's messages; {@code maxTokens} overrides the plan's limit when positive;
 * {@code temperature} is sent when present (else the engine's default applies).
 */
public record Prompt(List<Message> messages, int maxTokens, OptionalDouble temperature) {

    public record Message(String role, String content) {
        public Message {
            if (role == null || role.isBlank() || content == null) {
                throw new IllegalArgumentException("a message needs a role and content");
            }
        }
    }

    public Prompt {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one message");
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("max_tokens must be positive");
        }
        if (temperature.isPresent() && !(temperature.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("temperature must not be negative");
        }
    }

    /** At the engine's default temperature. */
    public Prompt(List<Message> messages, int maxTokens) {
        this(messages, maxTokens, OptionalDouble.empty());
    }

    public static Prompt user(String text) {
        return new Prompt(List.of(new Message("user", text)), 0);
    }

    /** Characters of content, a rough size for reports (tokens are the server's business). */
    public int length() {
        return messages.stream().mapToInt(m -> m.content().length()).sum();
    }
}
