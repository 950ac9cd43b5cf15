package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.RequestRecord.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * Copies an upstream reply body to the client as it arrives, chunk by chunk, each written at once (SSE events must
 * not wait), metering every chunk on the way. A reply that passes untouched ({@link #direct}) is written from the
 * upstream's own buffers, no copy; when its last bytes arrive together with the end of the body they are held back
 * as the {@link Result#tail}: the caller records the request first and then ends the response with them in one
 * write (the client must not see the end before the request is in the log and the metrics). A filtered reply
 * ({@link #filtered}) goes through its {@link ReplyOutput}; one that live safety stopped ({@link ReplyBlocked}) is
 * REJECTED. Either way a failure to write to the client cancels the upstream request. Blocking: runs on the
 * request's virtual thread.
 */
final class ReplyRelay {
    /** @param tail the reply's last bytes, not yet written (only from {@link #direct}); null when none */
    record Result(Outcome outcome, Content.Chunk tail) {
    }

    private ReplyRelay() {
    }

    /** @param holdTail whether the last bytes may be held back for the caller to write (see the class comment) */
    static Result direct(Content.Source upstream, Response toClient, ReplyMeter meter, boolean holdTail,
                         Consumer<Throwable> abortUpstream) {
        Content.Chunk chunk = null;
        Content.Chunk next = null;
        try {
            while (true) {
                chunk = next != null ? next : BlockingSource.next(upstream);
                next = null;
                if (Content.Chunk.isFailure(chunk)) {
                    return new Result(Outcome.ERROR, null);   // upstream failed or fell silent past the stream idle timeout
                }
                meter.bytes(chunk.getByteBuffer(), System.nanoTime());
                if (!chunk.isLast()) {
                    next = upstream.read();   // not waiting: null when the following bytes are not there yet
                    if (holdTail && next != null && next.isLast() && !next.hasRemaining() && !Content.Chunk.isFailure(next)) {
                        Content.Chunk tail = chunk;
                        chunk = null;
                        return new Result(Outcome.OK, tail);   // the end is here too: the caller ends the response
                    }
                } else if (holdTail) {
                    Content.Chunk tail = chunk;
                    chunk = null;
                    return new Result(Outcome.OK, tail);
                }
                if (chunk.hasRemaining()) {
                    write(toClient, chunk.getByteBuffer());
                }
                boolean last = chunk.isLast();
                chunk.release();
                chunk = null;
                if (last) {
                    return new Result(Outcome.OK, null);
                }
            }
        } catch (IOException e) {
            abortUpstream.accept(e);
            return new Result(Outcome.ABORTED, null);   // the client went away (or the wait was interrupted)
        } finally {
            release(chunk);
            release(next);
        }
    }

    static Result filtered(Content.Source upstream, ReplyOutput out, ReplyMeter meter, Consumer<Throwable> abortUpstream) {
        byte[] copy = new byte[0];
        while (true) {
            Content.Chunk chunk;
            try {
                chunk = BlockingSource.next(upstream);
            } catch (IOException e) {
                abortUpstream.accept(e);
                return new Result(Outcome.ABORTED, null);
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    return new Result(Outcome.ERROR, null);
                }
                ByteBuffer b = chunk.getByteBuffer();
                meter.bytes(b, System.nanoTime());
                int n = b.remaining();
                if (n > 0) {
                    if (b.hasArray()) {
                        out.write(b.array(), b.arrayOffset() + b.position(), n);
                    } else {
                        copy = copy.length >= n ? copy : new byte[n];
                        b.slice().get(copy, 0, n);
                        out.write(copy, 0, n);
                    }
                    out.flush();
                }
                if (chunk.isLast()) {
                    out.finish();
                    return new Result(Outcome.OK, null);
                }
            } catch (IOException e) {
                abortUpstream.accept(e);
                return new Result(e instanceof ReplyBlocked ? Outcome.REJECTED : Outcome.ABORTED, null);
            } finally {
                chunk.release();
            }
        }
    }

    private static void write(Response toClient, ByteBuffer bytes) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            toClient.write(false, bytes, written);
            written.block();
        }
    }

    private static void release(Content.Chunk chunk) {
        if (chunk != null) {
            chunk.release();
        }
    }
}
