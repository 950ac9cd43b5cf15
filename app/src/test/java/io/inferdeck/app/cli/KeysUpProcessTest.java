package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Keys end to end across processes: keys made with the CLI admit clients of a gateway run by {@code up} in another
 * JVM (a remote profile attached to a loopback engine); its limits refuse with 429; a revocation from the CLI
 * reaches the running gateway without a restart; usage is in keys.db after {@code up} stops.
 */
class KeysUpProcessTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;

    private HttpServer engine;
    private Process up;
    private final List<String> engineSawAuthorization = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() throws Exception {
        if (up != null && up.isAlive()) {
            up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (engine != null) {
            engine.stop(0);
        }
        http.close();
    }

    private Path keysDb() {
        return dir.resolve("data").resolve("inferdeck").resolve("keys.db");   // where `up` finds it with XDG_DATA_HOME=dir/data
    }

    private String keys(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new KeysCommand()));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", keysDb().toString()));
        assertThat(cmd.execute(all.toArray(String[]::new))).isZero();
        return out.toString().strip();
    }

    /** A remote OpenAI-compatible engine: /v1/models for its health, chat completions with usage (5 + 2 tokens). */
    private URI startEngine() throws Exception {
        engine = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        engine.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                String body = "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}";
                if (ex.getRequestURI().getPath().equals("/v1/chat/completions")) {
                    engineSawAuthorization.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                    body = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            + "\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        engine.start();
        return URI.create("http://127.0.0.1:" + engine.getAddress().getPort());
    }

    private HttpResponse<String> chat(int port, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void keysFromTheCliGovernAGatewayRunByUpInAnotherProcess() throws Exception {
        String ci = keys("add", "ci");
        String limited = keys("add", "limited", "--rpm", "1");
        URI engineUrl = startEngine();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path profile = Files.writeString(dir.resolve("remote.json"), "{\"engine\": \"remote\", \"name\": \"far\", \"baseUrl\": \""
                + engineUrl + "\", \"port\": " + port + ", \"gateway\": {\"keys\": true}}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.inferdeck.app.Main",
                "up", "--profile", profile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("up.log").toFile());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        up = pb.start();
        awaitTrue(() -> chat(port, null).statusCode() == 401, "gateway up (log: " + dir.resolve("up.log") + ")");
        awaitTrue(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200, "the engine attached and healthy (a keyed request would get 503)");

        assertThat(chat(port, ci).statusCode()).isEqualTo(200);
        assertThat(engineSawAuthorization).as("the client's key never reaches the engine").containsExactly("null");
        assertThat(chat(port, "idk-" + "A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(chat(port, limited).statusCode()).isEqualTo(200);
        HttpResponse<String> over = chat(port, limited);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).isPresent();

        assertThat(keys("revoke", "ci")).startsWith("revoked key 'ci'");
        awaitTrue(() -> chat(port, ci).statusCode() == 401, "the revocation reached the running gateway");

        up.destroy();   // SIGTERM: the shutdown hook stops the gateway and writes its last usage
        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        JsonNode usage = new ObjectMapper().readTree(keys("usage", "--json")).path("usage");
        JsonNode limitedRow = find(usage, "limited");
        assertThat(limitedRow.path("requests").asLong()).isEqualTo(2);
        assertThat(limitedRow.path("errors").asLong()).isEqualTo(1);
        assertThat(limitedRow.path("tokensIn").asLong()).isEqualTo(5);
        assertThat(limitedRow.path("tokensOut").asLong()).isEqualTo(2);
        assertThat(find(usage, "ci").path("errors").asLong()).isZero();
        assertThat(find(usage, "ci").path("requests").asLong()).isPositive();
    }

    private static JsonNode find(JsonNode usage, String name) {
        for (JsonNode row : usage) {
            if (row.path("name").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no usage row for " + name + " in " + usage);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the gateway is not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never: " + what);
    }
}
