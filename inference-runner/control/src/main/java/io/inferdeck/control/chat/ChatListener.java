package io.inferdeck.control.chat;

/**
 * Callbacks of one streamed reply, all on the thread running {@link ChatCall#run}. They must not block;
 * UI code batches the deltas and hands them to its dispatcher.
 */
public interface ChatListener {
    /** A piece of reply text as it arrives (may be empty). */
    void onDelta(String text);

    default void onFinish(String finishReason) {
    }

    default void onUsage(int promptTokens, int completionTokens) {
    }
}
