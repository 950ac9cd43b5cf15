package io.inferdeck.runner;

import java.util.List;

/**
 * What the API needs from an inference engine. {@link LlamaEngine} is the real one; tests substitute
 * engines that fail or block on purpose. Implementations are thread-safe; a {@link TokenStream} is not.
 */
interface Engine {
    /** Tokens the engine will process for this prompt, exactly (special tokens it adds included). */
    int promptTokens(String prompt) throws EngineException;

    /**
     * The token ids the model's tokenizer makes of {@code text}, exactly as llama.cpp tokenizes a prompt;
     * with {@code addSpecial} the BOS token is prepended when the model asks for one.
     */
    int[] tokenize(String text, boolean addSpecial) throws EngineException;

    /** The model's chat template applied to a conversation, ending where the assistant's reply starts. */
    String chatPrompt(String system, List<ChatTurn> turns) throws EngineException;

    TokenStream start(String prompt, Sampling sampling) throws EngineException;

    /** One conversation turn; role is "user" or "assistant". */
    record ChatTurn(String role, String content) {
    }

    /** Generated tokens of one request, in order. Belongs to the thread that started it. */
    interface TokenStream {
        /** The next token's text (possibly empty), or null when generation has ended. Blocks. */
        String next() throws EngineException;

        /** Stops generating; no effect after the end. */
        void cancel();
    }
}
