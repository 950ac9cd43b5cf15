package io.inferdeck.control.gateway;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices a client that closes its connection while its request waits in the {@link UpstreamHold}. Jetty
 * does not read an HTTP/1.1 connection while a request on it is being handled, so it would only notice at
 * the first write; this watch asks the connection's end point to report readability meanwhile and reads it:
 * end of stream (or a read error) means the client is gone. Bytes sent while the request waits (pipelining
 * a second request behind a POST, which clients do not do) also count as gone: they cannot be handed back to
 * Jetty's parser. {@link #close()} must run before the reply is written, so Jetty's own read interest for the
 * next request is never refused. Thread-safe: the callback and {@link #close()} serialise on this object.
 */
final class ClientWatch implements Callback, AutoCloseable {
    private static final IOException STOPPED = new IOException("watch stopped");
    private final EndPoint endPoint;
    private final Runnable onGone;
    private final AtomicBoolean gone = new AtomicBoolean();
    private boolean closed;

    private ClientWatch(EndPoint endPoint, Runnable onGone) {
        this.endPoint = endPoint;
        this.onGone = onGone;
    }

    /** Starts watching {@code request}'s connection; {@code onGone} runs once, on a Jetty thread, when the client left. */
    static ClientWatch start(Request request, Runnable onGone) {
        ClientWatch w = new ClientWatch(request.getConnectionMetaData().getConnection().getEndPoint(), onGone);
        w.register();
        return w;
    }

    boolean gone() {
        return gone.get();
    }

    private synchronized void register() {
        if (!closed && !gone.get()) {
            endPoint.tryFillInterested(this);   // false: someone else reads this connection (not HTTP/1.1): no watch
        }
    }

    @Override
    public void succeeded() {
        int n;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                n = endPoint.fill(BufferUtil.allocate(256));   // Jetty fills after the limit: an empty buffer in flush mode
            } catch (IOException e) {
                n = -1;
            }
        }
        if (n == 0) {
            register();   // woken without data: keep watching
        } else {
            left();
        }
    }

    @Override
    public void failed(Throwable x) {
        if (x != STOPPED) {
            left();   // the end point closed or failed
        }
    }

    private void left() {
        if (gone.compareAndSet(false, true)) {
            onGone.run();
        }
    }

    /** Stops watching; the connection is Jetty's alone again. */
    @Override
    public synchronized void close() {
        closed = true;
        if (endPoint instanceof AbstractEndPoint a && !gone.get()) {
            a.getFillInterest().onFail(STOPPED);   // drops our pending read interest, if still registered
        }
    }
}
