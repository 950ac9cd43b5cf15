package io.inferdeck.control.gateway;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the gateway writes an upstream reply body: straight to the client ({@link #direct}), or through live
 * filtering and capture ({@link SseReplyFilter}, {@link JsonReplyFilter}). Every write may throw
 * {@link ReplyBlocked}. Confined to the request's thread.
 */
abstract class ReplyOutput extends OutputStream {
    /** The upstream body ended: sends what is still held back. @throws ReplyBlocked when the filter refused it */
    abstract void finish() throws IOException;

    static ReplyOutput direct(OutputStream out) {
        return new ReplyOutput() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            void finish() {
            }
        };
    }
}
