package io.inferdeck.control.gateway;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the gateway writes an upstream reply body whose text is filtered or captured ({@link SseReplyFilter},
 * {@link JsonReplyFilter}); a reply that passes untouched goes straight to the client ({@link ReplyRelay#direct}).
 * Every write may throw {@link ReplyBlocked}. Confined to the request's thread.
 */
abstract class ReplyOutput extends OutputStream {
    /** The upstream body ended: sends what is still held back. @throws ReplyBlocked when the filter refused it */
    abstract void finish() throws IOException;
}
