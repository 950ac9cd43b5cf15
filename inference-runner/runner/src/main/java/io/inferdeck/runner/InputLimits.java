package io.inferdeck.runner;

/**
 * Bounds on a request's input, checked right after JSON parsing and before any chat-template rendering
 * or tokenization, so that a small body cannot buy seconds of CPU. The defaults sit far above real chats
 * (a 1,000-message agent transcript, a pasted book chapter) and far below what llama.cpp's template code
 * renders slowly. Characters are UTF-16 code units, as {@link String#length()} counts them.
 *
 * @param maxMessages     entries in {@code messages} (--max-messages)
 * @param maxMessageChars characters of one message's content (--max-message-chars)
 * @param maxInputChars   characters of all message contents together, of a prompt, or of /tokenize
 *                        content (--max-input-chars)
 */
public record InputLimits(int maxMessages, int maxMessageChars, int maxInputChars) {
    public static final InputLimits DEFAULTS = new InputLimits(1024, 1 << 20, 4 << 20);

    static ApiError tooManyMessages(int count, int max) {
        return new ApiError(400, "invalid_request_error", "messages has " + count + " entries; this runner accepts at most "
                + max + " (--max-messages)", "messages", "too_many_messages");
    }

    static ApiError messageTooLong(String at, int max) {
        return new ApiError(413, "invalid_request_error", at + " is longer than " + max
                + " characters, this runner's limit per message (--max-message-chars)", at, "message_too_long");
    }

    static ApiError inputTooLong(String param, int max) {
        return new ApiError(413, "invalid_request_error", "The input (" + param + ") is longer than " + max
                + " characters, this runner's limit per request (--max-input-chars)", param, "input_too_long");
    }

    /** Refuses a single text (a prompt or /tokenize content) over the total limit. */
    String checkText(String text, String param) throws ApiError {
        if (text != null && text.length() > maxInputChars) {
            throw inputTooLong(param, maxInputChars);
        }
        return text;
    }
}
