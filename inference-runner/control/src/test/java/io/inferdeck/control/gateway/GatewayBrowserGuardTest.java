package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, failure 7, at the front door every deployment has: a key-less loopback gateway must not answer a
 * cross-site {@code text/plain} POST carrying {@code Origin: http://evil.example} and {@code Host: evil.example}
 * (CSRF / DNS rebinding), nor hand its request log to a rebound page. Raw requests over loopback (an HttpClient
 * would not let a test set {@code Host}); the upstream counts what reached it.
 */
class GatewayBrowserGuardTest {
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
    void aCrossSiteTextPlainPostNeverReachesTheEngine() throws Exception {
        String csrf = send("POST", "/v1/chat/completions", GatewayFixture.CHAT, "Host: evil.example",
                "Origin: http://evil.example", "Content-Type: text/plain");
        assertThat(status(csrf)).isEqualTo(403);
        assertThat(code(csrf)).isEqualTo("host_not_allowed");
        String rebound = send("POST", "/v1/chat/completions", GatewayFixture.CHAT, "Host: evil.example:" + port(),
                "Content-Type: application/json");
        assertThat(code(rebound)).isEqualTo("host_not_allowed");
        String crossOrigin = send("POST", "/v1/chat/completions", GatewayFixture.CHAT, "Host: 127.0.0.1:" + port(),
                "Origin: http://evil.example", "Content-Type: application/json");
        assertThat(status(crossOrigin)).isEqualTo(403);
        assertThat(code(crossOrigin)).isEqualTo("origin_not_allowed");
        String plain = send("POST", "/v1/chat/completions", GatewayFixture.CHAT, "Host: 127.0.0.1:" + port(),
                "Content-Type: text/plain;charset=UTF-8");
        assertThat(status(plain)).isEqualTo(415);
        String form = send("POST", "/v1/chat/completions", GatewayFixture.CHAT, "Host: 127.0.0.1:" + port(),
                "Content-Type: application/x-www-form-urlencoded");
        assertThat(status(form)).isEqualTo(415);
        assertThat(upstream.chats.get()).as("nothing a page could send reached the engine").isZero();

        String fine = send("POST", "/v1/chat/completions", GatewayFixture.CHAT, "Host: localhost:" + port(),
                "Content-Type: application/json");
        assertThat(status(fine)).as(fine).isEqualTo(200);
        assertThat(upstream.chats.get()).isEqualTo(1);
    }

    @Test
    void aReboundPageCannotReadTheRequestLogOrMetrics() throws Exception {
        assertThat(status(send("GET", GatewayHandler.REQUESTS_PATH, "", "Host: evil.example:" + port()))).isEqualTo(403);
        assertThat(status(send("GET", "/metrics", "", "Host: evil.example:" + port()))).isEqualTo(403);
        assertThat(status(send("GET", GatewayHandler.REQUESTS_PATH, "", "Host: 127.0.0.1:" + port()))).isEqualTo(200);
    }

    private int port() {
        return f.gateway.port();
    }

    /** One request with exactly these headers on its own connection; the whole reply, read until the server closes. */
    private String send(String method, String path, String body, String... headers) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port())) {
            s.setSoTimeout(10_000);
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\nConnection: close\r\n");
            for (String h : headers) {
                r.append(h).append("\r\n");
            }
            if (!body.isEmpty()) {
                r.append("Content-Length: ").append(b.length).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(r.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String reply) {
        return Integer.parseInt(reply.substring(reply.indexOf(' ') + 1, reply.indexOf(' ') + 4));
    }

    private static String code(String reply) throws IOException {
        return JSON.readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4)).path("error").path("code").asText();
    }
}
