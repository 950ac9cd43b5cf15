package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, failure 5, at the gateway every deployment puts in front of its engines: bad framing, too many or too
 * large headers and a malformed chunked body get a JSON error and the connection is closed (the JDK server gave
 * an HTML page, a TCP reset, or no answer for 90 s); none of them reaches the engine. A connection dripping header
 * bytes is closed at the header deadline, and beyond the connection cap new connections wait (in the kernel's
 * backlog) until one closes. Raw bytes over loopback.
 */
class GatewayHttpLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestUpstream upstream;
    private GatewayFixture f;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream("alpha");
        f = new GatewayFixture(GatewayFixture.quick(), List.of(upstream.baseUrl()));
    }

    @AfterEach
    void stop() {
        f.close();
        upstream.close();
    }

    @Test
    void framingErrorsAreJsonAndCloseTheConnection() throws Exception {
        String badLength = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 12abc\r\n\r\n{}");
        assertThat(status(badLength)).isEqualTo(400);
        assertThat(error(badLength).path("type").asText()).isEqualTo("invalid_request_error");

        String chunked = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertThat(status(chunked)).isEqualTo(400);
        assertThat(error(chunked).path("message").asText()).isNotBlank();

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            many.append("X-").append(i).append(": 1\r\n");
        }
        String tooMany = exchange("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many + "\r\n");
        assertThat(status(tooMany)).isEqualTo(431);
        assertThat(error(tooMany).path("message").asText()).isNotBlank();

        String big = exchange("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(status(big)).isEqualTo(431);

        StringBuilder hundredOne = new StringBuilder();
        for (int i = 0; i < GatewayFixture.quick().maxHeaderCount() + 1; i++) {
            hundredOne.append("X-").append(i).append(": 1\r\n");
        }
        String overCount = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + hundredOne + "Content-Length: " + GatewayFixture.CHAT.length() + "\r\n\r\n" + GatewayFixture.CHAT);
        assertThat(status(overCount)).isEqualTo(431);
        assertThat(error(overCount).path("code").asText()).isEqualTo("headers_too_large");
        assertThat(upstream.chats.get()).as("nothing malformed reached the engine").isZero();
    }

    @Test
    void aConnectionDrippingHeaderBytesIsClosedAtTheHeaderDeadline() throws Exception {
        f.close();
        f = new GatewayFixture(GatewayFixture.quick().withClientLimits(GatewayConfig.DEFAULT_CLIENTS
                .withHeaderTimeout(Duration.ofMillis(300))), List.of(upstream.baseUrl()));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.gateway.port())) {
            s.setSoTimeout(100);
            s.getOutputStream().write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            // a byte every 100 ms keeps the idle timeout (60 s) from ever firing: only the header deadline ends it
            for (int i = 0; i < 100 && !closed; i++) {
                try {
                    s.getOutputStream().write('a');
                    closed = s.getInputStream().read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // no answer yet: drip on
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed by the gateway within 100 drips").isTrue();
        }
        await(() -> f.gateway.openConnections() == 0);
        assertThat(upstream.chats.get()).isZero();
    }

    @Test
    void beyondTheConnectionCapNewConnectionsWaitUntilOneCloses() throws Exception {
        int cap = 4;
        f.close();
        f = new GatewayFixture(GatewayFixture.quick().withClientLimits(GatewayConfig.DEFAULT_CLIENTS.withMaxConnections(cap)),
                List.of(upstream.baseUrl()));
        List<Socket> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < cap; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), f.gateway.port());
                held.add(s);
                s.getOutputStream().write("GET /health HTTP/1.1\r\nX-Slow: a".getBytes(StandardCharsets.US_ASCII));
            }
            await(() -> f.gateway.openConnections() == cap);
            try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), f.gateway.port())) {   // the kernel's backlog takes it
                extra.setSoTimeout(500);
                extra.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readsNothing(extra)).as("no answer while %d connections are open", cap).isTrue();
                assertThat(f.gateway.openConnections()).isEqualTo(cap);
                held.removeFirst().close();
                extra.setSoTimeout(10_000);
                String reply = new String(extra.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(status(reply)).as("answered once a connection closed").isEqualTo(200);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static boolean readsNothing(Socket s) throws IOException {
        try {
            s.getInputStream().read();   // a byte or the end: it was served or closed
            return false;
        } catch (SocketTimeoutException nothingYet) {
            return true;
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
    }

    /**
     * Sends {@code request} without closing the output and reads until the gateway closes the connection: a
     * connection left open after a refusal fails here (10 s read timeout), as the JDK server's did.
     */
    private String exchange(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.gateway.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the gateway kept the connection open; got so far: " + out, e);
            } catch (IOException reset) {
                // a reset after the answer still ends the exchange
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String reply) {
        assertThat(reply).as("an HTTP answer").startsWith("HTTP/1.1 ");
        return Integer.parseInt(reply.substring(9, 12));
    }

    private static JsonNode error(String reply) throws IOException {
        String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
        return JSON.readTree(body).path("error");
    }
}
