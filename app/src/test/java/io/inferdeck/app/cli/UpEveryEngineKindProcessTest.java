package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.supervisor.FakeEngineMain;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, Done-when 1, at the level the operator types it: {@code ./inferdeck up --profile P} in its own JVM
 * serves a chat completion through the InferDeck gateway for every engine kind, and the gateway's own
 * {@code /metrics} counted it. Launched kinds we cannot install (llama-server, vLLM, SGLang) run the stand-in
 * binary {@link FakeEngineMain} through the real launch path; attached kinds (Ollama, TGI, remote) attach to a
 * loopback server answering their documented health path and {@code /v1/chat/completions}; builtin runs the real
 * runner on a generated tiny model.
 */
class UpEveryEngineKindProcessTest {
    private static final String CHAT_REPLY = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
    /** Health paths the drivers check, from each engine's documentation (Ollama: /api/version, TGI: /health). */
    private static final Map<String, String> ATTACHED_PAYLOADS = Map.of(
            "/api/version", "{\"version\":\"0.6.2\"}",
            "/api/tags", "{\"models\":[]}",
            "/api/ps", "{\"models\":[]}",
            "/health", "{}",
            "/v1/models", "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}",
            "/v1/chat/completions", CHAT_REPLY);

    @TempDir
    Path dir;
    private HttpServer engine;
    private Process up;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() throws Exception {
        if (up != null && up.isAlive()) {
            up.destroy();   // SIGTERM: `up` stops the engines it launched
            if (!up.waitFor(30, TimeUnit.SECONDS)) {
                up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (engine != null) {
            engine.stop(0);
        }
        http.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"builtin", "llama-server", "vllm", "sglang", "ollama", "tgi", "remote"})
    void upServesThroughTheGatewayAndTheGatewayMeasuresIt(String kind) throws Exception {
        int port = freePort();
        Path profile = Files.writeString(dir.resolve(kind + ".json"), "{\"engine\": \"" + kind + "\", \"name\": \"every-"
                + kind + "\", \"port\": " + port + ", " + engineFields(kind) + "}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.inferdeck.app.Main",
                "up", "--profile", profile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("up.log").toFile());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        up = pb.start();

        HttpResponse<String> reply = awaitChat(port);
        assertThat(reply.statusCode()).as(log()).isEqualTo(200);
        assertThat(reply.body()).contains("chat.completion");
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics.lines().filter(l -> l.startsWith("inferdeck_gateway_requests_total{") && l.contains("outcome=\"ok\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum())
                .as("the gateway counted the request it served").isGreaterThanOrEqualTo(1.0);
        assertThat(metrics).contains("inferdeck_gateway_request_duration_seconds_bucket");
        assertThat(up.isAlive()).isTrue();
    }

    private String engineFields(String kind) throws Exception {
        return switch (kind) {
            case "builtin" -> "\"model\": \"" + tinyModel() + "\", \"ctx\": 256";
            // `up` validates a llama-server model file before launching, so the stand-in gets a real (tiny) GGUF
            case "llama-server" -> "\"model\": \"" + tinyModel() + "\", \"ctx\": 256, \"binary\": \"" + FakeEngineMain.script(dir, "llamacpp-2.txt") + "\"";
            case "vllm" -> "\"model\": \"org/model\", \"binary\": \"" + FakeEngineMain.script(dir, "vllm-2.txt") + "\"";
            case "sglang" -> "\"model\": \"org/model\", \"binary\": \"" + FakeEngineMain.script(dir, "sglang-2.txt") + "\"";
            default -> "\"baseUrl\": \"" + startAttachedEngine() + "\"";
        };
    }

    private Path tinyModel() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, model);
        return model;
    }

    /** One loopback server that answers every attached kind's documented health and chat paths. */
    private URI startAttachedEngine() throws Exception {
        engine = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        engine.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                String body = ATTACHED_PAYLOADS.get(ex.getRequestURI().getPath());
                if (body == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
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


    private HttpResponse<String> awaitChat(int port) throws Exception {
        HttpRequest chat = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":4,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline && up.isAlive()) {
            try {
                last = http.send(chat, HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200) {
                    return last;
                }
            } catch (java.io.IOException notListeningYet) {
                // the gateway is not bound yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no 200 from the gateway (last: " + (last == null ? "none" : last.statusCode() + " "
                + last.body()) + ", up alive: " + up.isAlive() + ")\n" + log());
    }

    private String log() {
        try {
            return String.join("\n", Files.readAllLines(dir.resolve("up.log")));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
