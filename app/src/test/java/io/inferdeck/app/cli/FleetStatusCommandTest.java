package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code fleet status}'s exit codes against a loopback server answering in Prometheus' HTTP API format (the
 * figures themselves are checked against a real Prometheus in services' FleetPrometheusTest): 1 when an alert
 * labelled {@code kind="slo"} fires, 0 when only other kinds fire, 2 for a bad URL.
 */
class FleetStatusCommandTest {
    private static final String EMPTY_VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;

    private String prometheus(String kind) throws IOException {
        String alerts = "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"Some" + kind
                + "\",\"kind\":\"" + kind + "\",\"instance\":\"10.0.0.5:8000\"},\"annotations\":{},\"state\":\"firing\","
                + "\"activeAt\":\"2026-01-01T00:00:00Z\",\"value\":\"2.5e+00\"}]}}";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = (ex.getRequestURI().getPath().endsWith("/alerts") ? alerts : EMPTY_VECTOR).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new FleetStatusCommand());
        InferDeckCli.configure(cmd);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void exitsOneWithTheAlertListedWhenAnSloAlertFires() throws Exception {
        assertThat(run("--prometheus", prometheus("slo"), "--json")).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("\"alert\":\"Someslo\"", "\"sloFiring\":true");
    }

    @Test
    void exitsZeroWhenOnlyOtherKindsFire() throws Exception {
        assertThat(run("--prometheus", prometheus("capacity"))).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("Somecapacity");
    }

    @Test
    void badUrlIsExitTwo() {
        assertThat(run("--prometheus", "ftp://x")).isEqualTo(2);
        assertThat(err.toString()).contains("--prometheus");
    }
}
