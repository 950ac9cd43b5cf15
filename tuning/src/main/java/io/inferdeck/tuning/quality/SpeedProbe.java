package io.inferdeck.tuning.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.EngineState;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.control.supervisor.RestartPolicy;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.Prompt;
import io.inferdeck.tuning.load.PromptSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts the built-in runner on one variant as its own process (a {@link Deployment}, as a sweep does),
 * optionally tokenizes the text sample through its {@code /tokenize}, measures decode speed and TTFT with
 * the load generator (one stream, a fixed set of short prompts), and stops it. Blocking.
 */
final class SpeedProbe {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short prompts, so TTFT is mostly the engine's fixed per-request cost plus a small prefill. */
    static final PromptSet PROMPTS = new PromptSet("quant-report", List.of(
            Prompt.user("Describe the river at dawn."), Prompt.user("Write two sentences about a quiet market."),
            Prompt.user("What does the city sound like at night?"), Prompt.user("Name three things found in a garden.")));

    /** @param tokens the sample's token ids from the engine's tokenizer, or null when not asked or it failed */
    record Probe(VariantSpeed speed, int[] tokens, String tokenizeFailure) {
    }

    private final LaunchContext launch;
    private final Path workRoot;
    private final ScheduledExecutorService exec;
    private final Clock clock;
    private final QuantReport.Settings settings;

    SpeedProbe(LaunchContext launch, Path workRoot, ScheduledExecutorService exec, Clock clock, QuantReport.Settings settings) {
        this.launch = launch;
        this.workRoot = workRoot;
        this.exec = exec;
        this.clock = clock;
        this.settings = settings;
    }

    /** Never throws for engine trouble: the failure is in the result. {@code text} null = no tokenizing. */
    Probe measure(String variant, Path model, String text) throws InterruptedException {
        try {
            DeploymentProfile p = DeploymentProfile.builder().name("quant-report-" + variant).model(model.toString())
                    .quantization(variant).parallel(1).ctx(2048).replicas(1).port(FreePorts.allocate()).build();
            try (Deployment d = new Deployment(p, launch, workRoot.resolve(variant), new EngineTarget(), exec,
                    RestartPolicy.NEVER, clock)) {
                d.start();
                String failure = awaitReady(d);
                if (failure != null) {
                    return new Probe(VariantSpeed.failed(failure), null, failure);
                }
                int[] tokens = null;
                String tokenizeFailure = null;
                if (text != null) {
                    try {
                        tokens = tokenize(d.frontUrl(), text);
                    } catch (IOException e) {
                        tokenizeFailure = "tokenizing the sample failed: " + e.getMessage();
                    }
                }
                BenchPlan plan = BenchPlan.builder(d.frontUrl().toString(), new LoadShape.ClosedLoop(1)).prompts(PROMPTS)
                        .warmup(settings.warmup()).duration(settings.duration()).maxTokens(settings.maxTokens()).build();
                try (LoadGenerator gen = new LoadGenerator(clock)) {
                    return new Probe(speedOf(gen.run(plan, progress -> { })), tokens, tokenizeFailure);
                }
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new Probe(VariantSpeed.failed(String.valueOf(e.getMessage())), null, String.valueOf(e.getMessage()));
        }
    }

    static VariantSpeed speedOf(BenchResult r) {
        if (r.ok() == 0 || !r.itl().available()) {
            return VariantSpeed.failed("no successful streamed request (" + r.errors() + " errors, " + r.timeouts() + " timeouts)");
        }
        return new VariantSpeed(1000.0 / r.itl().meanMs(), r.ttft().p50Ms(), r.ok(), null);
    }

    /** The ids the engine makes of {@code text}, BOS included (POST /tokenize with add_special). */
    static int[] tokenize(URI base, String text) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("content", text).put("add_special", true).toString();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/tokenize")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode tokens = r.statusCode() == 200 ? JSON.readTree(r.body()).get("tokens") : null;
            if (tokens == null || !tokens.isArray()) {
                throw new IOException("POST /tokenize answered " + r.statusCode() + " (the engine must be InferDeck's runner or "
                        + "llama-server)");
            }
            int[] ids = new int[tokens.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokens.get(i).asInt();
            }
            return ids;
        }
    }

    private static String awaitReady(Deployment d) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            EngineState s = d.replicas().getFirst().state();
            if (s instanceof EngineState.Ready) {
                return null;
            }
            if (s instanceof EngineState.Crashed c) {
                List<String> last = c.lastLines().subList(Math.max(0, c.lastLines().size() - 3), c.lastLines().size());
                return "engine exited with code " + c.exitCode() + ": " + String.join(" | ", last);
            }
            Thread.sleep(100);
        }
        return "engine not Ready within " + READY_TIMEOUT.toSeconds() + " s";
    }
}
