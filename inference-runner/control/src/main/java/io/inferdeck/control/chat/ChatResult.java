package io.inferdeck.control.chat;

/**
 * How a streamed reply ended. {@code text} is everything received, also for CANCELLED and FAILED (a
 * partial reply is kept); {@code error} is a one-line message for the operator, null unless FAILED.
 */
public record ChatResult(Outcome outcome, String text, ReplyStats stats, String error) {

    public enum Outcome {
        /** The stream ended with [DONE]. */
        COMPLETED,
        /** {@link ChatCall#cancel()} was called. */
        CANCELLED,
        /** The engine refused the request, was unreachable, or broke off mid-stream. */
        FAILED
    }

    public boolean partial() {
        return outcome != Outcome.COMPLETED;
    }
}
