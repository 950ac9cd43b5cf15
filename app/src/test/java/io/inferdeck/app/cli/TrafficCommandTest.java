package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.inferdeck.control.gateway.Gateway;
import io.inferdeck.control.gateway.GatewayConfig;
import io.inferdeck.control.gateway.Upstream;
import io.inferdeck.control.launch.HealthCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code inferdeck traffic} against a real gateway over loopback, in front of a tiny engine that answers chats. */
class TrafficCommandTest {
    private static final String KEY = "sk-traffic-cli";
    private final HttpServer engine = engine();
    private final ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Gateway gateway;

    /** Answers /health and chats (the model's name echoed into nothing: the gateway logs the request's model); 404 otherwise. */
    private static HttpServer engine() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                String path = ex.getRequestURI().getPath();
                boolean known = path.equals("/health") || path.equals("/v1/chat/completions");
                byte[] body = (path.equals("/health") ? "{\"status\":\"ok\"}" : known
                        ? "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],"
                        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}"
                        : "{\"error\":{\"message\":\"no such path\"}}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(known ? 200 : 404, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            s.start();
            return s;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI engineUrl() {
        return URI.create("http://127.0.0.1:" + engine.getAddress().getPort());
    }

    private String startGateway(Optional<String> key) throws Exception {
        // a generous health timeout: on a loaded machine a 1 s probe of the test engine can time out and the
        // gateway would answer 503, which is not what this test is about
        gateway = new Gateway(GatewayConfig.defaults("127.0.0.1", 0, key).withHealth(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(10)),
                List.of(new Upstream("replica-0", engineUrl(), HealthCheck.ok("/health"), () -> true)), Clock.systemUTC());
        gateway.start(health);
        return gateway.baseUrl().toString();
    }

    private void chat(String model, Optional<String> key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.baseUrl().resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));
        key.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        assertThat(http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    private int run(TrafficCommand command, String... args) {
        CommandLine cmd = new CommandLine(command);
        InferDeckCli.configure(cmd);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private int run(String... args) {
        return run(new TrafficCommand(d -> {
            throw new AssertionError("sleeps only with --follow");
        }), args);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        engine.stop(0);
        health.shutdownNow();
        http.close();
    }

    @Test
    void printsTheNewestRequestsOldestFirstAsATable() throws Exception {
        String url = startGateway(Optional.empty());
        for (String model : List.of("m-1", "m-2", "m-3")) {
            chat(model, Optional.empty());
        }

        assertThat(run("--url", url, "--limit", "2")).isEqualTo(0);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("time").contains("status", "queue_ms", "ttft_ms", "e2e_ms", "tok_in", "safety");
        assertThat(lines.get(1)).contains(" 200 ", " ok ", "replica-0", "m-2", "/v1/chat/completions");
        assertThat(lines.get(2)).contains("m-3");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonLinesCarryTheGatewaysFields() throws Exception {
        String url = startGateway(Optional.empty());
        chat("m-1", Optional.empty());

        assertThat(run("--url", url + "/", "--json")).isEqualTo(0);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode j = new ObjectMapper().readTree(lines.getFirst());
        assertThat(j.get("model").asText()).isEqualTo("m-1");
        assertThat(j.get("status").asInt()).isEqualTo(200);
        assertThat(j.get("tokensIn").asLong()).isEqualTo(9);
        assertThat(j.get("tokensOut").asLong()).isEqualTo(4);
        assertThat(j.get("ttftMs").isNull()).isTrue();
        assertThat(j.has("prompt")).isFalse();
    }

    @Test
    void followPrintsEachNewRequestOnceUntilStopped() throws Exception {
        String url = startGateway(Optional.empty());
        chat("before", Optional.empty());
        AtomicInteger sleeps = new AtomicInteger();
        TrafficCommand follow = new TrafficCommand(d -> {
            switch (sleeps.incrementAndGet()) {
                case 1 -> {
                    try {
                        chat("during-1", Optional.empty());
                        chat("during-2", Optional.empty());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                case 2 -> { }   // nothing new: nothing printed
                default -> throw new InterruptedException("Ctrl-C");
            }
        });

        assertThat(run(follow, "--url", url, "--follow", "--json", "--interval", "10ms")).isEqualTo(0);

        List<String> models = out.toString().lines().map(l -> l.replaceAll(".*\"model\":\"([^\"]+)\".*", "$1")).toList();
        assertThat(models).containsExactly("before", "during-1", "during-2");
        assertThat(sleeps).hasValue(3);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void usesTheKeyAndSaysWhatToDoWithoutIt() throws Exception {
        String url = startGateway(Optional.of(KEY));
        chat("m-1", Optional.of(KEY));

        assertThat(run("--url", url)).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("inferdeck traffic: GET " + url + "/inferdeck/requests answered 401").contains("INFERDECK_API_KEY"));
        err.getBuffer().setLength(0);

        assertThat(run("--url", url, "--api-key", KEY)).isEqualTo(0);
        assertThat(out.toString()).contains("profile");   // the key id the gateway logs for its profile key
    }

    @Test
    void oneLineErrorsForWhatCannotBeRead() throws Exception {
        String url = startGateway(Optional.empty());
        gateway.close();

        assertThat(run("--url", url)).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("inferdeck traffic: cannot read the request log at " + url + "/inferdeck/requests")
                .contains("connection refused"));
        err.getBuffer().setLength(0);

        assertThat(run("--url", engineUrl().toString())).isEqualTo(1);   // an engine, not a gateway
        assertThat(err.toString().lines()).singleElement().satisfies(l -> assertThat(l)
                .contains("has no request log").contains("InferDeck gateway"));
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("--url", "http://127.0.0.1:1", "--limit", "0")).isEqualTo(2);
        assertThat(run("--url", "127.0.0.1:8080")).isEqualTo(2);
        assertThat(run("--url", "http://127.0.0.1:1/v1")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("inferdeck traffic: "));
    }
}
