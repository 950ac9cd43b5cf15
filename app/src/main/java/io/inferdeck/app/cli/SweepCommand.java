package io.inferdeck.app.cli;

import io.inferdeck.control.launch.LaunchContext;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.gguf.ModelSummary;
import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.PromptSet;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.Durations;
import io.inferdeck.tuning.load.LoadShape;
import io.inferdeck.tuning.load.Slo;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepOutcome;
import io.inferdeck.tuning.sweep.SweepPoint;
import io.inferdeck.tuning.sweep.SweepHistory;
import io.inferdeck.tuning.sweep.SweepJson;
import io.inferdeck.tuning.history.RunHistory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inferdeck sweep}: measure a grid of quant × batch × parallel settings and recommend one. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Measure every combination of --quant × --batch × --parallel on a fresh built-in engine each, "
                + "same load for all, and recommend the fastest setting that meets the SLO.")
public final class SweepCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--profile", description = "Base profile (default: built-in engine, embedded model).") Path profileFile;
    @Option(names = "--quant", split = ",", defaultValue = "Q8_0,Q4_0", description = "Model variants (default ${DEFAULT-VALUE}).") List<String> quants;
    @Option(names = "--batch", split = ",", defaultValue = "512", description = "Batch sizes (default ${DEFAULT-VALUE}).") List<Integer> batches;
    @Option(names = "--parallel", split = ",", defaultValue = "1,2,4", description = "Parallel slots (default ${DEFAULT-VALUE}).") List<Integer> parallels;
    @Option(names = "--concurrency", defaultValue = "4", description = "Closed-loop streams per point (default ${DEFAULT-VALUE}).") int concurrency;
    @Option(names = "--duration", defaultValue = "10s", description = "Measured window per point (default ${DEFAULT-VALUE}).") String duration;
    @Option(names = "--warmup", defaultValue = "2s", description = "Warm-up per point (default ${DEFAULT-VALUE}).") String warmup;
    @Option(names = "--max-tokens", defaultValue = "32", description = "max_tokens per request (default ${DEFAULT-VALUE}).") int maxTokens;
    @Option(names = "--slo-e2e", defaultValue = "500ms", description = "SLO P95 end-to-end (default ${DEFAULT-VALUE}).") String sloE2e;
    @Option(names = "--slo-ttft", defaultValue = "200ms", description = "SLO P95 time to first token (default ${DEFAULT-VALUE}).") String sloTtft;
    @Option(names = "--json", description = "Write every point's result and the recommendation as JSON.") Path json;
    @Option(names = "--prompts", defaultValue = "mix", paramLabel = "mix|short|FILE",
            description = "Prompt set: the built-in mix (short + long prompts), only its short prompts, or a JSONL file (default ${DEFAULT-VALUE}).")
    String prompts;
    @Option(names = "--threads", description = "Engine threads for every point (default: the base profile's, else the runner's default).")
    Integer threads;
    @Option(names = "--compare-defaults", description = "After the grid, measure llama.cpp's stock settings (--baseline-quant, "
            + "threads = all cores, batch 2048, 1 slot) against the recommendation, alternating A/B --rounds times, and print "
            + "the goodput ratio (the tuning gain).")
    boolean compareDefaults;
    @Option(names = "--baseline-quant", defaultValue = "F16", description = "Model variant of the stock baseline (default ${DEFAULT-VALUE}: as converted).")
    String baselineQuant;
    @Option(names = "--no-history", description = "Do not record the sweep in the history database (<data dir>/history.db).")
    boolean noHistory;
    @Option(names = "--rounds", defaultValue = "2", description = "A/B rounds for --compare-defaults (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DeploymentProfile base = profileFile != null ? ProfileFiles.load(profileFile) : DeploymentProfile.builder().build();
        if (threads != null) {
            base = base.toBuilder().threads(threads).build();
        }
        List<String> variants = new java.util.ArrayList<>(quants);
        if (compareDefaults && quants.stream().noneMatch(q -> q.equalsIgnoreCase(baselineQuant))) {
            variants.add(baselineQuant);     // the stock baseline runs its own variant
        }
        Map<String, Path> models = models(base, variants);
        PromptSet promptSet = switch (prompts) {
            case "mix" -> PromptSet.builtIn();
            case "short" -> PromptSet.builtInShort();
            default -> PromptSet.fromJsonl(Path.of(prompts));
        };
        Slo slo = new Slo(Durations.parse(sloE2e), Durations.parse(sloTtft), 95);
        List<SweepPoint> points = Sweep.grid(quants.stream().map(q -> q.toUpperCase(Locale.ROOT)).toList(), batches, parallels);
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-supervisor"));
        try {
            Sweep sweep = new Sweep(base, models, LaunchContext.forThisJvm(),
                    Files.createTempDirectory("inferdeck-sweep-"), exec, Clock.systemUTC());
            out.printf("%-28s %9s %10s %10s %10s %10s  %s%n", "point", "req/s", "tok/s", "P95 ms", "P99 ms", "TTFT95 ms", "SLO");
            out.flush();
            java.util.function.Function<String, BenchPlan> plan = url -> BenchPlan.builder(url, new LoadShape.ClosedLoop(concurrency))
                    .duration(Durations.parse(duration)).warmup(Durations.parse(warmup)).maxTokens(maxTokens).slo(slo)
                    .prompts(promptSet).build();
            List<SweepOutcome> outcomes;
            try (RunHistory history = noHistory ? null : openHistory(spec.commandLine().getErr())) {   // null: not recorded
                outcomes = sweep.run(points, plan, new SweepHistory(history, spec.commandLine().getErr()::println), o -> {
                    out.println(row(o));
                    out.flush();
                });
                if (history != null) {
                    out.println("recorded " + outcomes.size() + " points in " + RunHistory.defaultLocation(System.getenv())
                            + " (inferdeck history list)");
                }
            }
            Recommendation rec = Recommendation.from(outcomes);
            out.println();
            out.println((rec.best().isPresent() ? "Recommendation: " : "No recommendation: ") + rec.reason());
            if (compareDefaults) {
                TuningGain.compare(sweep, rec, baselineQuant.toUpperCase(Locale.ROOT), rounds, plan, out);
            }
            if (json != null) {
                AtomicFiles.write(json, SweepJson.toPrettyString(outcomes, rec).getBytes(StandardCharsets.UTF_8));
                out.println("wrote " + json);
            }
            return outcomes.stream().anyMatch(o -> o.result().isPresent()) ? 0 : 1;
        } finally {
            exec.shutdownNow();
        }
    }

    /** Variants by quant: the embedded model's (written when missing), else the siblings of the profile's model. */
    private Map<String, Path> models(DeploymentProfile base, List<String> variants) throws Exception {
        Map<String, Path> byQuant = new LinkedHashMap<>();
        if (base.model() == null) {
            ModelLibrary lib = ModelLibrary.fromEnvironment(System.getenv());
            List<GgmlType> types = variants.stream().map(q -> GgmlType.byName(q).orElseThrow(
                    () -> new IllegalArgumentException("unknown quant " + q))).toList();
            lib.ensure(LlamaModelSpec.DEFAULT, types, (t, b) -> { });
            types.forEach(t -> byQuant.put(t.name(), lib.variantPath(LlamaModelSpec.DEFAULT, t)));
        } else {
            for (Path p : ModelLibrary.siblingsOf(Path.of(base.model()))) {
                byQuant.putIfAbsent(ModelSummary.of(GgufReader.read(p)).quant(), p);
            }
        }
        return byQuant;
    }

    private static String row(SweepOutcome o) {
        if (o.result().isEmpty()) {
            return String.format("%-28s failed: %s", o.point(), o.failure());
        }
        BenchResult r = o.result().get();
        return String.format("%-28s %9.2f %10.1f %10.0f %10.0f %10.0f  %s", o.point(), r.requestsPerSecond(),
                r.outputTokensPerSecond(), r.e2e().p95Ms(), r.e2e().p99Ms(), r.ttft().p95Ms(), r.sloMet() ? "met" : "missed");
    }

    private static RunHistory openHistory(PrintWriter err) {
        Path db = RunHistory.defaultLocation(System.getenv());
        try {
            return RunHistory.open(db, Clock.systemUTC());
        } catch (Exception e) {
            err.println("sweep: not recording history in " + db + ": " + e.getMessage());
            return null;
        }
    }
}
