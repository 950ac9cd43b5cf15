package io.inferdeck.services.conversation;

import io.inferdeck.control.chat.Sampling;
import java.util.List;

/**
 * A playground conversation as plain data: system prompt, sampling and the turns with their figures.
 * {@code state} is the turn's end state by name (DONE, STOPPED, FAILED…), {@code stats} its figures line
 * and {@code note} why it is partial; both are "" when there is nothing to say. Immutable.
 */
public record Conversation(String system, Sampling sampling, List<Message> messages) {
    public Conversation {
        messages = List.copyOf(messages);
    }

    public record Message(String role, String content, String state, String stats, String note) {
    }
}
