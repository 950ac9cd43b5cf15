package io.inferdeck.safety.guard;

import io.inferdeck.safety.pipeline.Side;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the text to judge becomes the chat messages sent to the guard model (strategies, picked in
 * {@link GuardSettings}). Both ask about one turn: the user's prompt on the input side, the model's reply on the
 * output side (a stage sees one text, so a reply is judged without the prompt that led to it).
 */
public enum GuardPrompt {
    /**
     * Sends the conversation as it is (role {@code user} or {@code assistant}) and lets the engine's chat
     * template build the task: the template shipped with Llama Guard 3 (the GGUF's / tokenizer's, and Ollama's
     * {@code llama-guard3}) wraps the turns in the task text with the S1–S14 categories itself.
     */
    TEMPLATE {
        @Override
        public List<Message> messages(String text, Side side) {
            return List.of(new Message(side == Side.INPUT ? "user" : "assistant", text));
        }
    },
    /**
     * Writes the task text of Llama Guard 3's documented prompt format into one user message: the role to
     * judge, the S1–S14 categories, the conversation, and the two-line answer instructions. For engines whose
     * template does not build it (a plain Llama 3 template); an engine that applies Llama Guard's own template
     * would wrap it a second time, so use {@link #TEMPLATE} there.
     */
    INLINE {
        @Override
        public List<Message> messages(String text, Side side) {
            String role = side == Side.INPUT ? "User" : "Agent";
            String categories = GuardTaxonomy.hazards().stream().map(h -> h.code() + ": " + h.name() + ".")
                    .collect(Collectors.joining("\n"));
            String task = "Task: Check if there is unsafe content in '" + role
                    + "' messages in conversations according our safety policy with the below categories.\n\n"
                    + "<BEGIN UNSAFE CONTENT CATEGORIES>\n" + categories + "\n<END UNSAFE CONTENT CATEGORIES>\n\n"
                    + "<BEGIN CONVERSATION>\n\n" + role + ": " + text + "\n\n<END CONVERSATION>\n\n"
                    + "Provide your safety assessment for ONLY THE LAST " + role + " message in the above conversation:\n"
                    + " - First line must read 'safe' or 'unsafe'.\n"
                    + " - If unsafe, a second line must include a comma-separated list of violated categories.";
            return List.of(new Message("user", task));
        }
    };

    /** One chat message of the OpenAI-compatible request. */
    public record Message(String role, String content) {
        @Override
        public String toString() {
            return "Message[" + role + ", " + content.length() + " chars]";
        }
    }

    /** The messages that ask the guard about {@code text}. Never logs or keeps the text. */
    public abstract List<Message> messages(String text, Side side);
}
