package io.inferdeck.control.gateway;

import java.io.IOException;

/**
 * Thrown by a {@link ReplyOutput} after it told the client that live filtering stopped the reply (an SSE error
 * event, or a 400 in place of a whole reply): the upstream request is to be cancelled and the response ended.
 */
final class ReplyBlocked extends IOException {
    ReplyBlocked() {
        super("reply blocked by the safety filter");
    }

    /** A control signal, not an error: no stack trace to fill. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
