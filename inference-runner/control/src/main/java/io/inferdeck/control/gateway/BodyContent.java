package io.inferdeck.control.gateway;

import java.nio.ByteBuffer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * A forwarded request's body: one array, sent as one last chunk. Jetty's {@code BytesRequestContent} does the same
 * through a list of buffers and streams over it, a cost on every request. Thread-safe: Jetty may read, demand and
 * fail it from different threads.
 */
final class BodyContent implements Request.Content {
    private final String contentType;
    private final byte[] body;
    private boolean read;
    private Throwable failure;

    BodyContent(String contentType, byte[] body) {
        this.contentType = contentType;
        this.body = body;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public long getLength() {
        return body.length;
    }

    @Override
    public synchronized Content.Chunk read() {
        if (failure != null) {
            return Content.Chunk.from(failure, true);
        }
        if (read) {
            return Content.Chunk.EOF;
        }
        read = true;
        return Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    /** The content is always there: the callback runs at once. */
    @Override
    public void demand(Runnable demandCallback) {
        demandCallback.run();
    }

    @Override
    public synchronized void fail(Throwable failure) {
        if (this.failure == null) {
            this.failure = failure;
        }
    }

    @Override
    public synchronized boolean rewind() {
        read = false;
        return failure == null;
    }
}
