package io.inferdeck.tuning.load.selftest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A loopback endpoint that answers every request with the same tiny, complete chat completion SSE body
 * (one content chunk, finish_reason, [DONE]) — the cheapest server the generator can be measured against.
 * Handlers run on the server's dispatcher thread: no handoff, no allocation beyond the exchange.
 */
public final class TrivialEndpoint implements AutoCloseable {
    static final byte[] BODY = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\n"
            + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    public TrivialEndpoint() throws IOException {
        // Without TCP_NODELAY the JDK server's small writes can wait for delayed ACKs (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", ex -> {
            try (ex; InputStream in = ex.getRequestBody()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                ex.getResponseHeaders().set("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, BODY.length);
                ex.getResponseBody().write(BODY);
            }
        });
        server.start();
    }

    /** Root URL, e.g. http://127.0.0.1:40123 (any path is answered). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
