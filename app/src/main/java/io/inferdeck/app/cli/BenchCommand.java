package io.inferdeck.app.cli;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import io.inferdeck.services.safety.live.GatewaySafetyParts;
import io.inferdeck.services.tuning.BenchRun;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.tuning.load.BenchJson;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.BenchProgress;
import io.inferdeck.tuning.load.BenchReport;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.PromptSet;
import io.inferdeck.tuning.load.Slo;
import io.inferdeck.tuning.load.ZipfPrompts;
import io.inferdeck.tuning.load.selftest.GatewayOverhead;
import io.inferdeck.tuning.load.selftest.SelfBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck bench}: load-tests an OpenAI-compatible endpoint and prints QPS, tokens/s, goodput,
 * TTFT/ITL/e2e percentiles and the request accounting; {@code --json OUT} also writes the full result
 * (atomically). {@code --self-test} benchmarks the generator itself beside wrk. Exit 1 with a one-line
 * reason on bad input or when no request succeeded.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load-test an OpenAI-compatible chat endpoint (built-in runner, llama-server, vLLM, remote).")
public final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--url", paramLabel = "URL", description = "Server root, its /v1, or the chat completions URL.")
    String url;
    @ArgGroup(exclusive = true)
    Load load;
    @Option(names = "--arrivals", defaultValue = "poisson", description = "Open loop arrivals: poisson or constant (default ${DEFAULT-VALUE}).")
    String arrivals;
    @Option(names = "--duration", paramLabel = "DUR", description = "Measured window, e.g. 30s (default 30s, or unlimited with --requests).")
    Duration duration;
    @Option(names = "--requests", paramLabel = "N", defaultValue = "0", description = "Stop after N measured requests.")
    long requests;
    @Option(names = "--warmup", paramLabel = "DUR", description = "Unmeasured warm-up before the window (default 0s; 10s for --self-test).")
    Duration warmup;
    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "64", description = "max_tokens per request (default ${DEFAULT-VALUE}).")
    int maxTokens;
    @Option(names = "--prompts", paramLabel = "mix|short|zipf:N:S[:SEED]|FILE", description = "Prompt set: the built-in mix "
            + "(default), its short prompts, N distinct prompts with Zipf(S) popularity at temperature 0 (for a response "
            + "cache; seed 1 unless given), or JSONL ({\"prompt\": ...} or {\"messages\": [...]}).")
    String prompts;
    @Option(names = "--model", description = "Model name to send (default: first of GET /v1/models).")
    String model;
    @Option(names = "--api-key", paramLabel = "K", description = "Bearer token.")
    String apiKey;
    @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "60s", description = "Per-request timeout (default ${DEFAULT-VALUE}).")
    Duration timeout;
    @Option(names = "--slo-e2e", paramLabel = "DUR", defaultValue = "500ms", description = "SLO end-to-end target (default ${DEFAULT-VALUE}).")
    Duration sloE2e;
    @Option(names = "--slo-ttft", paramLabel = "DUR", defaultValue = "200ms", description = "SLO time-to-first-token target (default ${DEFAULT-VALUE}).")
    Duration sloTtft;
    @Option(names = "--json", paramLabel = "OUT", description = "Also write the full result as JSON.")
    Path json;
    @Option(names = "--no-progress", description = "No live progress line on stderr (drawn only on a terminal anyway).")
    boolean noProgress;
    @Option(names = "--no-history", description = "Do not record the run in the history database (<data dir>/history.db).")
    boolean noHistory;
    @Option(names = "--self-test", description = "Benchmark the generator against a trivial loopback endpoint beside wrk.")
    boolean selfTest;
    @Option(names = "--via-gateway", description = "With --self-test: the trivial endpoint direct vs through the InferDeck gateway "
            + "(throughput ratio, added latency).")
    boolean viaGateway;

    static final class Load {
        @Option(names = "--concurrency", paramLabel = "N", description = "Closed loop: N concurrent streams.")
        Integer concurrency;
        @Option(names = "--rate", paramLabel = "R", description = "Open loop: R requests/s.")
        Double rate;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (viaGateway && !selfTest) {
            throw CliError.badInput("--via-gateway needs --self-test", "run: inferdeck bench --self-test --via-gateway");
        }
        if (selfTest) {
            return viaGateway ? gatewaySelfTest(out, err) : selfTest(out, err);
        }
        BenchPlan plan = plan();
        BenchResult r;
        ProgressLine line = new ProgressLine(err, !noProgress && System.console() != null && System.console().isTerminal());
        try (TuningService tuning = CliTuning.open(null)) {
            r = tuning.bench(BenchRun.ofPlan(plan, !noHistory), line::show, p -> err.println(switch (p.kind()) {
                case NOT_RECORDING -> "bench: not recording history in " + p.database() + ": " + p.detail();
                case INCOMPLETE -> "bench: could not record the run in history: " + p.detail();
                case MOVED_ASIDE -> "bench: " + p.detail();
            }));
        }
        out.print(BenchReport.format(r));
        if (json != null) {
            BenchJson.write(r, json);
            out.println("wrote " + json);
        }
        out.flush();
        if (r.ok() == 0) {
            throw CliError.failure("no request succeeded " + r.failuresByCause(), "check the engine's log and --url");
        }
        return 0;
    }

    BenchPlan plan() throws IOException {
        if (url == null) throw CliError.badInput("--url is required", "give the engine's URL, or --self-test");
        if (load == null) throw CliError.badInput("no load given", "give --concurrency N or --rate R");
        LoadShape shape = load.concurrency != null ? new LoadShape.ClosedLoop(load.concurrency)
                : new LoadShape.OpenLoop(load.rate, switch (arrivals.toLowerCase(Locale.ROOT)) {
                    case "poisson" -> LoadShape.Arrivals.POISSON;
                    case "constant" -> LoadShape.Arrivals.CONSTANT;
                    default -> throw new IllegalArgumentException("--arrivals must be poisson or constant");
                });
        Duration window = duration != null ? duration : requests > 0 ? Duration.ZERO : Duration.ofSeconds(30);
        return BenchPlan.builder(url, shape).model(model).apiKey(apiKey).duration(window).maxRequests(requests)
                .warmup(warmup != null ? warmup : Duration.ZERO).maxTokens(maxTokens)
                .prompts(PromptSet.named(prompts != null ? prompts : "mix"))
                .requestTimeout(timeout).slo(new Slo(sloE2e, sloTtft, 95)).build();
    }

    /** One status line redrawn in place each progress interval; erased when the run is done. */
    private record ProgressLine(PrintWriter err, boolean enabled) {
        void show(BenchProgress p) {
            if (!enabled) {
                return;
            }
            if (p.phase() == BenchProgress.Phase.DONE) {
                err.print("\r" + " ".repeat(110) + "\r");
            } else {
                err.printf(Locale.ROOT, "\r%-9s %6.1f s  sent %d  ok %d  failed %d  in flight %d  %.1f req/s  e2e p95 %s ms   ",
                        p.phase().name().toLowerCase(Locale.ROOT), p.elapsedSeconds(), p.sent(), p.ok(), p.errors() + p.timeouts(),
                        p.inFlight(), p.recentRequestsPerSecond(),
                        Double.isNaN(p.e2eP95Ms()) ? "n/a" : String.format(Locale.ROOT, "%.1f", p.e2eP95Ms()));
            }
            err.flush();
        }
    }

    private int selfTest(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        Duration d = duration != null ? duration : Duration.ofSeconds(10);
        int connections = load != null && load.concurrency != null ? load.concurrency : 16;
        Duration w = warmup != null ? warmup : Duration.ofSeconds(10);
        SelfBenchmark.Report r = SelfBenchmark.run(new SelfBenchmark.Options(d, w, connections, 2, url), m -> {
            err.println("self-test: " + m);
            err.flush();
        });
        out.printf(Locale.ROOT, "Load generator self-benchmark: %s, %d connections, %d s per run (generator after %d s warm-up)%n",
                r.endpoint(), r.connections(), d.toSeconds(), w.toSeconds());
        out.printf(Locale.ROOT, "  max throughput  generator %,.0f req/s (%d failed)   wrk %s   ratio %s (target >= 0.5)%n",
                r.generatorRps(), r.generatorFailed(), fmt(r.wrkRps(), "%,.0f req/s"), fmt(r.ratio(), "%.2f"));
        out.printf(Locale.ROOT, "  median latency  generator %.3f ms   wrk %s   (1 connection; the difference is what the generator adds)%n",
                r.generatorP50MsOneStream(), fmt(r.wrkP50MsOneStream(), "%.3f ms"));
        out.printf(Locale.ROOT, "  bookkeeping     %.2f us CPU per request (SSE parsing + timestamps + histograms, in-process)%n",
                r.bookkeepingMicrosPerRequest());
        r.notes().forEach(n -> out.println("  note: " + n));
        out.flush();
        return 0;
    }

    private int gatewaySelfTest(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        Duration d = duration != null ? duration : Duration.ofSeconds(10);
        int connections = load != null && load.concurrency != null ? load.concurrency : 16;
        Duration w = warmup != null ? warmup : Duration.ofSeconds(10);
        ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-health");
            t.setDaemon(true);
            return t;
        });
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        GatewayOverhead.Report r;
        // every built-in stage on both sides, over a throw-away data folder: the self-test's prompts never reach
        // the operator's review queue
        java.nio.file.Path scratch = io.inferdeck.common.io.OwnedDirs.create("inferdeck-selftest-");
        SafetyService safety = new SafetyService(new SafetyPaths(scratch.resolve("data"), scratch.resolve("config")),
                FilterSettings.defaults(), java.time.Clock.systemUTC());
        try {
            var allStages = io.inferdeck.control.profile.DeploymentProfile.builder().gateway(
                    new io.inferdeck.control.profile.GatewaySettings(null, null, null, null, null, null,
                            new io.inferdeck.control.profile.GatewaySettings.Safety(true, true, null, null))).build();
            GatewaySafetyParts parts = new GatewaySafetyParts(safety);
            r = GatewayOverhead.run(new GatewayOverhead.Options(d, w, connections, d), health,
                    safetyPasses(() -> parts.apply(allStages)), m -> {
                        err.println("self-test: " + m);
                        err.flush();
                    });
        } finally {
            health.shutdownNow();
            safety.close();
            io.inferdeck.common.io.OwnedDirs.delete(scratch);
        }
        out.printf(Locale.ROOT, "Gateway self-benchmark: %s direct vs through the InferDeck gateway (metrics + request log on), "
                + "%d s per side after %d s warm-up%n", r.endpoint(), d.toSeconds(), w.toSeconds());
        r.lines().forEach(out::println);
        out.printf(Locale.ROOT, "  machine: %d cores, load average %.1f before, %.1f after (everything above shares them)%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
        return 0;
    }

    /** Distinct prompts per run of the all-distinct pass: more than a run through every safety stage sends. */
    static final int DISTINCT_PER_RUN = 50_000;

    /**
     * The safety passes: a realistic mix where popular questions repeat (zipf:1000:1.0, a fresh seeded draw per
     * run, as traffic that keeps arriving), and traffic in which no prompt ever repeats (a disjoint range of
     * questions of the same shape per run): the two ends of what a verdict cache can save.
     */
    static java.util.List<GatewayOverhead.SafetyPass> safetyPasses(
            java.util.function.Supplier<io.inferdeck.control.gateway.GatewayExtensions> parts) {
        return java.util.List.of(
                new GatewayOverhead.SafetyPass("zipf:1000:1.0 (seed = run + 1)", run -> ZipfPrompts.of(1000, 1.0, run + 1), parts),
                new GatewayOverhead.SafetyPass("all distinct", run -> ZipfPrompts.distinct(1 + (long) run * DISTINCT_PER_RUN,
                        DISTINCT_PER_RUN), parts));
    }

    private static String fmt(java.util.OptionalDouble v, String format) {
        return v.isPresent() ? String.format(Locale.ROOT, format, v.getAsDouble()) : "n/a";
    }
}
