package io.inferdeck.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;

/**
 * One request/response pair on Jetty, with blocking writes (the calling request thread waits for each
 * write; SSE events are flushed one by one). Implements {@link CompletionService.Sink}. Belongs to the one
 * thread that handles the request; only the {@code gone} flag is also set by Jetty's failure listener.
 */
final class JettyExchange implements CompletionService.Sink {
    private final Request request;
    private final Response response;
    private volatile boolean gone;
    private boolean bodyRead;
    private boolean clientSentMore;

    JettyExchange(Request request, Response response) {
        this.request = request;
        this.response = response;
        // Jetty reports a connection that failed or was closed by the client while the handler runs.
        request.addFailureListener(failure -> gone = true);
    }

    String path() {
        return Request.getPathInContext(request);
    }

    String method() {
        return request.getMethod();
    }

    /** The first value of a request header, or null. */
    String header(String name) {
        return request.getHeaders().get(name);
    }

    void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /**
     * Reads the whole body, refusing more than {@code limit} bytes with 413 (before reading, when
     * Content-Length already says so). A body the HTTP parser rejects (malformed chunked encoding, a body
     * shorter than its Content-Length) is a 400 and the connection is closed after the answer.
     *
     * @throws IOException when the client went away while sending
     */
    byte[] readBody(int limit) throws IOException, ApiError {
        if (request.getLength() > limit) {
            setHeader("Connection", "close");
            throw ApiError.tooLarge(limit);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(limit + 1);
            bodyRead = true;
            if (body.length > limit) {
                setHeader("Connection", "close");
                throw ApiError.tooLarge(limit);
            }
            return body;
        } catch (IOException | RuntimeException e) {
            if (isProtocolError(e)) {
                setHeader("Connection", "close");
                throw ApiError.badRequest("Malformed request body: " + e.getMessage(), null);
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private static boolean isProtocolError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void json(int status, JsonNode body) throws IOException {
        send(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        write(true, body);
    }

    @Override
    public void startEvents() throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        write(false, new byte[0]);
    }

    @Override
    public void event(String data) throws IOException {
        write(false, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the client closed its side. Jetty does not read from a connection while its request is being
     * handled, so once the body is in, this probes the socket with a non-blocking read: end of stream means
     * the client left. Bytes a pipelining client sent ahead cannot be handed back to Jetty's parser, so the
     * connection is then closed after this response and the client resends them (RFC 9112 section 9.3.2).
     */
    @Override
    public boolean clientGone() {
        if (gone || !bodyRead || clientSentMore) {
            return gone;
        }
        try {
            ByteBuffer probe = BufferUtil.allocate(1);
            int n = request.getConnectionMetaData().getConnection().getEndPoint().fill(probe);
            if (n < 0) {
                gone = true;
            } else if (n > 0) {
                clientSentMore = true;
                if (!response.isCommitted()) {
                    setHeader("Connection", "close");
                }
            }
        } catch (IOException e) {
            gone = true;
        }
        return gone;
    }

    boolean committed() {
        return response.isCommitted();
    }

    /** Ends the response (a no-op when the last write was done). */
    void finish() throws IOException {
        if (!response.hasLastWrite()) {
            write(true, new byte[0]);
        }
    }

    private void write(boolean last, byte[] bytes) throws IOException {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(bytes), cb);
            cb.block();
        } catch (IOException e) {
            gone = true;
            throw e;
        }
    }
}
