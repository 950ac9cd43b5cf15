package io.inferdeck.control.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.metrics.EngineFlavor;
import io.inferdeck.control.metrics.EngineMetrics;
import io.inferdeck.control.metrics.MetricsNormalizer;
import io.inferdeck.control.metrics.ParsedMetrics;
import io.inferdeck.control.ollama.OllamaClient;
import io.inferdeck.control.ollama.OllamaModel;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.EngineKind;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attached engines through the same {@link Deployment} code `up` and the console use: nothing is started,
 * the base URL is health-checked with the driver's check, and clients go through the front door. The
 * engines are loopback test servers speaking TGI's and Ollama's documented paths and metric names.
 */
class AttachedDeploymentTest {
    private static final String CHAT = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    @TempDir
    Path dir;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        exec.shutdownNow();
    }

    private Deployment deploy(DeploymentProfile p, EngineTarget target) throws Exception {
        Deployment d = new Deployment(p, LaunchContext.forThisJvm(), dir, target, exec, RestartPolicy.DEFAULT, Clock.systemUTC());
        open.add(d);
        return d;
    }

    private static EngineState await(Deployment d, Predicate<EngineState> want, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            EngineState s = d.replicas().getFirst().state();
            if (want.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " not reached: " + d.replicas().getFirst().state());
    }

    private HttpResponse<String> chat(URI front) throws Exception {
        return http.send(HttpRequest.newBuilder(front.resolve("/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = AttachedDeploymentTest.class.getResourceAsStream("/io/inferdeck/control/metrics/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void tgiIsHealthCheckedServedThroughTheFrontDoorAndNeverStopped() throws Exception {
        LoopbackEngine tgi = new LoopbackEngine("/health", null).route("/v1/chat/completions", "application/json", CHAT)
                .route("/metrics", "text/plain; version=0.0.4", fixture("tgi-2.txt"));
        open.add(tgi);
        int port = FreePorts.allocate();
        EngineTarget target = new EngineTarget();
        Deployment d = deploy(DeploymentProfile.builder().engine(new EngineKind("tgi")).name("tgi-box")
                .baseUrl(tgi.url().toString()).port(port).build(), target);
        assertThat(d.commands()).singleElement().satisfies(c -> assertThat(c.attached()).isTrue());
        d.start();
        EngineState.Ready ready = (EngineState.Ready) await(d, s -> s instanceof EngineState.Ready, "Ready");
        assertThat(ready.pid()).isEqualTo(OptionalLong.empty());
        assertThat(ready.baseUrl()).isEqualTo(tgi.url());
        assertThat(d.frontUrl().getPort()).isEqualTo(port);
        assertThat(target.current()).hasValueSatisfying(e -> assertThat(e.baseUrl()).isEqualTo(d.frontUrl()));

        HttpResponse<String> reply = chat(d.frontUrl());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(CHAT);
        assertThat(tgi.received).anyMatch(r -> r.startsWith("POST /v1/chat/completions {\"model\":\"m\""));
        String metrics = http.send(HttpRequest.newBuilder(d.frontUrl().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        EngineMetrics m = new MetricsNormalizer(Clock.systemUTC(), Duration.ofSeconds(30)).update(ParsedMetrics.parse(metrics));
        assertThat(m.flavor()).isEqualTo(new EngineFlavor("tgi"));
        assertThat(m.running()).hasValue(3.0);

        tgi.health(503);
        await(d, s -> s instanceof EngineState.Degraded g && g.reason().contains("/health"), "Degraded");
        assertThat(target.current()).isEmpty();
        tgi.health(200);
        await(d, s -> s instanceof EngineState.Ready, "Ready again");

        d.stop().get(5, TimeUnit.SECONDS);
        assertThat(d.replicas().getFirst().state()).isInstanceOf(EngineState.Stopped.class);
        HttpResponse<Void> stillUp = http.send(HttpRequest.newBuilder(tgi.url().resolve("/health")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(stillUp.statusCode()).isEqualTo(200);   // detaching leaves the engine running
    }

    @Test
    void ollamaAttachesAndItsClientReadsPulledAndLoadedModels() throws Exception {
        LoopbackEngine ollama = new LoopbackEngine("/api/version", null)
                .route("/api/version", "application/json", "{\"version\":\"0.6.2\"}")
                .route("/api/tags", "application/json", "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\","
                        + "\"modified_at\":\"2025-05-01T10:00:00.0+02:00\",\"size\":2019393189,\"digest\":\"a80c4f17acd5\","
                        + "\"details\":{\"format\":\"gguf\",\"family\":\"llama\",\"parameter_size\":\"3.2B\",\"quantization_level\":\"Q4_K_M\"}}]}")
                .route("/api/ps", "application/json", "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\","
                        + "\"size\":3520086016,\"digest\":\"a80c4f17acd5\",\"details\":{\"parameter_size\":\"3.2B\","
                        + "\"quantization_level\":\"Q4_K_M\"},\"expires_at\":\"2025-05-01T10:05:00.5+02:00\",\"size_vram\":2684354560}]}")
                .route("/v1/chat/completions", "application/json", CHAT);
        open.add(ollama);
        Deployment d = deploy(DeploymentProfile.builder().engine(new EngineKind("ollama")).name("ollama")
                .baseUrl(ollama.url().toString()).port(FreePorts.allocate()).build(), new EngineTarget());
        d.start();
        await(d, s -> s instanceof EngineState.Ready, "Ready");
        assertThat(chat(d.frontUrl()).body()).isEqualTo(CHAT);

        OllamaClient client = new OllamaClient(http, ollama.url(), Duration.ofSeconds(2));
        assertThat(client.version()).isEqualTo("0.6.2");
        assertThat(client.pulled()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("llama3.2:latest");
            assertThat(m.sizeBytes()).isEqualTo(2019393189L);
            assertThat(m.vramBytes()).isEmpty();
            assertThat(m.quantization()).hasValue("Q4_K_M");
        });
        OllamaModel loaded = client.loaded().getFirst();
        assertThat(loaded.vramBytes()).hasValue(2684354560L);
        assertThat(loaded.parameters()).hasValue("3.2B");
        assertThat(loaded.expiresAt()).hasValueSatisfying(t -> assertThat(t.getMinute()).isEqualTo(5));
    }

    @Test
    void aRemoteEngineWithAKeyIsCheckedWithThatKey() throws Exception {
        String key = "remote-key-0123456789";
        LoopbackEngine remote = new LoopbackEngine("/v1/models", key)
                .route("/v1/models", "application/json", "{\"object\":\"list\",\"data\":[]}");
        open.add(remote);
        Deployment d = deploy(DeploymentProfile.builder().engine(EngineKind.REMOTE).name("lab")
                .baseUrl(remote.url().toString()).apiKey(key).port(FreePorts.allocate()).build(), new EngineTarget());
        d.start();
        await(d, s -> s instanceof EngineState.Ready, "Ready");
        assertThat(remote.received).allMatch(r -> r.startsWith("GET /v1/models"));
    }
}
