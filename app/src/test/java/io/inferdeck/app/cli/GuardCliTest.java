package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code safety check --guard-url}: the guard stage joins the pipeline from the command line and decides,
 * against a loopback server answering as an engine serving Llama Guard 3 does (a chat completion whose text is
 * "safe" or "unsafe" + codes). Without {@code --guard-url} no guard stage exists, so naming it is bad input.
 */
class GuardCliTest {
    @TempDir
    Path home;
    private String savedHome;
    private HttpServer server;
    private final AtomicInteger asked = new AtomicInteger();
    private volatile String answer = "safe";

    @BeforeEach
    void start() throws Exception {
        savedHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            asked.incrementAndGet();
            String content = answer.replace("\n", "\\n");
            byte[] body = ("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                    + "\"}}]}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (var out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.setProperty("user.home", savedHome);
    }

    private int check(String... extra) {
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new SafetyCommand()));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        String[] base = {"check", "How do I get to the library?", "--input-stages", "normalize,guard",
            "--guard-url", url, "--guard-model", "llama-guard3:1b", "--guard-timeout", "10s"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cmd.execute(args);
    }

    @Test
    void theGuardsAnswerDecidesTheCheck() {
        answer = "safe";
        assertThat(check()).isZero();
        answer = "unsafe\nS9";
        assertThat(check()).isEqualTo(1);
        assertThat(asked).hasValue(2);
    }

    @Test
    void badGuardOptionsAndAGuardStageWithoutUrlAreBadInput() {
        assertThat(check("--guard-on-failure", "redact")).isEqualTo(2);
        assertThat(check("--guard-prompt", "fancy")).isEqualTo(2);
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new SafetyCommand()));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cmd.execute("check", "hello", "--input-stages", "normalize,guard")).isEqualTo(2);
        assertThat(asked).hasValue(0);
    }
}
