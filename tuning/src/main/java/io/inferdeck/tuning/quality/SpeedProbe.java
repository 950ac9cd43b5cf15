package io.inferdeck.tuning.quality;

import io.inferdeck.control.endpoint.EngineTarget;
import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.supervisor.Deployment;
import io.inferdeck.control.supervisor.FreePorts;
import io.inferdeck.control.supervisor.RestartPolicy;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadGenerator;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.Prompt;
import io.inferdeck.tuning.load.PromptSet;
import java.io.IOException;
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
    /** Short prompts, so TTFT is mostly the engine's fixed per-request cost plus a small prefill. */
    static final PromptSet PROMPTS = new PromptSet("quant-report", List.of(
            Prompt.user("Describe the river at dawn."), Prompt.user("Write two sentences about a quiet market."),
            Prompt.user("What does the city sound like at night?"), Prompt.user("Name three things found in a garden.")));

    /** The prompt whose temperature-0 continuation is compared with the reference's greedy one. */
    static final String GREEDY_PROMPT = "The river leaves the hills in the early morning";
    static final int GREEDY_TOKENS = 16;

    /**
     * @param tokens       the sample's token ids from the engine's tokenizer, or null when not asked or it failed
     * @param greedyPrompt {@link #GREEDY_PROMPT} as the engine tokenizes it; null when that failed
     * @param greedyPieces the text of each token the engine generated for it at temperature 0
     */
    record Probe(VariantSpeed speed, int[] tokens, String tokenizeFailure, int[] greedyPrompt, List<String> greedyPieces) {
        static Probe failed(String why) {
            return new Probe(VariantSpeed.failed(why), null, why, null, List.of());
        }
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
                String failure = d.awaitReady(READY_TIMEOUT).orElse(null);
                if (failure != null) {
                    return Probe.failed(failure);
                }
                int[] tokens = null;
                String tokenizeFailure = null;
                if (text != null) {
                    try {
                        tokens = EngineProbeClient.tokenize(d.frontUrl(), text);
                    } catch (IOException e) {
                        tokenizeFailure = "tokenizing the sample failed: " + e.getMessage();
                    }
                }
                int[] greedyPrompt = null;
                List<String> pieces = List.of();
                try {
                    greedyPrompt = EngineProbeClient.tokenize(d.frontUrl(), GREEDY_PROMPT);
                    pieces = EngineProbeClient.greedyPieces(d.frontUrl(), GREEDY_PROMPT, GREEDY_TOKENS);
                } catch (IOException e) {
                    // the agreement column stays empty; speed is still measured
                }
                BenchPlan plan = BenchPlan.builder(d.frontUrl().toString(), new LoadShape.ClosedLoop(1)).prompts(PROMPTS)
                        .warmup(settings.warmup()).duration(settings.duration()).maxTokens(settings.maxTokens()).build();
                try (LoadGenerator gen = new LoadGenerator(clock)) {
                    return new Probe(speedOf(gen.run(plan, progress -> { })), tokens, tokenizeFailure, greedyPrompt, pieces);
                }
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return Probe.failed(String.valueOf(e.getMessage()));
        }
    }

    static VariantSpeed speedOf(BenchResult r) {
        if (r.ok() == 0 || !r.itl().available()) {
            return VariantSpeed.failed("no successful streamed request (" + r.errors() + " errors, " + r.timeouts() + " timeouts)");
        }
        return new VariantSpeed(1000.0 / r.itl().meanMs(), r.ttft().p50Ms(), r.ok(), null);
    }
}
