package io.inferdeck.control.gateway;

import java.io.IOException;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Blocker;

/**
 * Blocking reads of a Jetty {@link Content.Source} (a request body, an upstream reply) on the request's virtual
 * thread: the chunks come as Jetty holds them, without the copy and the hand-off between threads that an
 * {@code InputStream} over the source costs. The caller releases each chunk it got.
 */
final class BlockingSource {
    private BlockingSource() {
    }

    /** The next chunk (data, last, or a failure), waiting for one when none is there yet. */
    static Content.Chunk next(Content.Source source) throws IOException {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk != null) {
                return chunk;
            }
            try (Blocker.Runnable available = Blocker.runnable()) {
                source.demand(available);
                available.block();
            }
        }
    }

    /**
     * The whole body, or null when it is larger than {@code max} bytes (declared or actual; the rest is left unread).
     *
     * @throws IOException when the body failed (the client went away while sending it)
     */
    static byte[] readAll(Content.Source source, long declared, long max) throws IOException {
        if (declared > max) {
            return null;
        }
        // a declared length is trusted only up to 64 KiB before the bytes arrive: a client cannot make us allocate more
        byte[] body = new byte[declared >= 0 ? (int) Math.min(declared, 64 << 10) : 1024];
        int size = 0;
        while (true) {
            Content.Chunk chunk = next(source);
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    throw chunk.getFailure() instanceof IOException e ? e : new IOException(chunk.getFailure());
                }
                int n = chunk.remaining();
                if (size + n > max) {
                    return null;
                }
                if (size + n > body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(Math.min(max, Integer.MAX_VALUE - 8), Math.max(size + n, 2L * body.length)));
                }
                chunk.getByteBuffer().get(body, size, n);
                size += n;
                if (chunk.isLast()) {
                    return size == body.length ? body : Arrays.copyOf(body, size);
                }
            } finally {
                chunk.release();
            }
        }
    }
}
