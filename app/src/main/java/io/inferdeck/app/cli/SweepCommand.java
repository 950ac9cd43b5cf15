package io.inferdeck.app.cli;

import io.inferdeck.app.GatewayParts;
import io.inferdeck.common.io.AtomicFiles;
import io.inferdeck.control.profile.DeploymentProfile;
import io.inferdeck.control.profile.ProfileFiles;
import io.inferdeck.gguf.GgmlType;
import io.inferdeck.services.tuning.BenchSettings;
import io.inferdeck.services.tuning.HistoryProblem;
import io.inferdeck.services.tuning.SweepRequest;
import io.inferdeck.services.tuning.SweepResult;
import io.inferdeck.services.tuning.TuningService;
import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.PromptSet;
import io.inferdeck.tuning.load.Slo;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepJson;
import io.inferdeck.tuning.sweep.SweepOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
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
    @Option(names = "--quant", split = ",", defaultValue = "Q8_0,Q4_0", description = "Model variants (default ${DEFAULT-VALUE}).") List<GgmlType> quants;
    @Option(names = "--batch", split = ",", defaultValue = "512", description = "Batch sizes (default ${DEFAULT-VALUE}).") List<Integer> batches;
    @Option(names = "--parallel", split = ",", defaultValue = "1,2,4", description = "Parallel slots (default ${DEFAULT-VALUE}).") List<Integer> parallels;
    @Option(names = "--concurrency", defaultValue = "4", description = "Closed-loop streams per point (default ${DEFAULT-VALUE}).") int concurrency;
    @Option(names = "--duration", defaultValue = "10s", description = "Measured window per point (default ${DEFAULT-VALUE}).") Duration duration;
    @Option(names = "--warmup", defaultValue = "2s", description = "Warm-up per point (default ${DEFAULT-VALUE}).") Duration warmup;
    @Option(names = "--max-tokens", defaultValue = "32", description = "max_tokens per request (default ${DEFAULT-VALUE}).") int maxTokens;
    @Option(names = "--slo-e2e", defaultValue = "500ms", description = "SLO P95 end-to-end (default ${DEFAULT-VALUE}).") Duration sloE2e;
    @Option(names = "--slo-ttft", defaultValue = "200ms", description = "SLO P95 time to first token (default ${DEFAULT-VALUE}).") Duration sloTtft;
    @Option(names = "--json", description = "Write every point's result and the recommendation as JSON.") Path json;
    @Option(names = "--prompts", defaultValue = "mix", paramLabel = "mix|short|zipf:N:S|FILE",
            description = "Prompt set: the built-in mix (short + long prompts), only its short prompts, N distinct prompts "
                    + "with Zipf(S) popularity at temperature 0, or a JSONL file (default ${DEFAULT-VALUE}).")
    String prompts;
    @Option(names = "--threads", description = "Engine threads for every point (default: the base profile's, else the runner's default).")
    Integer threads;
    @Option(names = "--compare-defaults", description = "After the grid, measure llama.cpp's stock settings (--baseline-quant, "
            + "threads = all cores, batch 2048, 1 slot) against the recommendation, alternating A/B --rounds times, and print "
            + "the goodput ratio (the tuning gain).")
    boolean compareDefaults;
    @Option(names = "--baseline-quant", defaultValue = "F16", description = "Model variant of the stock baseline (default ${DEFAULT-VALUE}: as converted).")
    GgmlType baselineQuant;
    @Option(names = "--no-history", description = "Do not record the sweep in the history database (<data dir>/history.db).")
    boolean noHistory;
    @Option(names = "--rounds", defaultValue = "2", description = "A/B rounds for --compare-defaults (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchSettings load = load();   // a bad prompts file is refused before any model is written
        DeploymentProfile base = profileFile != null ? ProfileFiles.load(profileFile) : DeploymentProfile.builder().build();
        if (threads != null) {
            base = base.toBuilder().threads(threads).build();
        }
        List<String> names = quants.stream().map(GgmlType::name).toList();
        List<String> variants = new java.util.ArrayList<>(names);
        if (compareDefaults && !quants.contains(baselineQuant)) {
            variants.add(baselineQuant.name());     // the stock baseline runs its own variant
        }
        ScheduledExecutorService exec = CliTuning.supervisor();
        try (GatewayParts parts = GatewayParts.open(CliErrorHandler.warnings(spec)); TuningService tuning = CliTuning.open(exec, parts)) {
            SweepRequest request = new SweepRequest(base, tuning.sweepModels(base, variants),
                    Sweep.grid(names, batches, parallels), load, !noHistory);
            out.printf("%-28s %9s %10s %10s %10s %10s  %s%n", "point", "req/s", "tok/s", "P95 ms", "P99 ms", "TTFT95 ms", "SLO");
            out.flush();
            SweepResult result = tuning.sweep(request, o -> {
                out.println(row(o));
                out.flush();
            }, () -> false, p -> err.println(p.kind() == HistoryProblem.Kind.NOT_RECORDING
                    ? "sweep: not recording history in " + p.database() + ": " + p.detail() : p.detail()));
            if (result.recorded()) {
                out.println("recorded " + result.outcomes().size() + " points in " + tuning.history().location() + " (inferdeck history list)");
            }
            Recommendation rec = result.recommendation();
            out.println();
            out.println((rec.best().isPresent() ? "Recommendation: " : "No recommendation: ") + rec.reason());
            if (compareDefaults) {
                TuningGain gain = new TuningGain(out, rounds);
                gain.result(tuning.gain(request, rec, baselineQuant.name(), rounds, gain));
            }
            if (json != null) {
                AtomicFiles.writeString(json, SweepJson.toPrettyString(result.outcomes(), rec));
                out.println("wrote " + json);
            }
            return result.outcomes().stream().anyMatch(o -> o.result().isPresent()) ? 0 : 1;
        } finally {
            exec.shutdownNow();
        }
    }

    /** The load every point gets: closed loop, --concurrency streams, the window, warm-up, tokens, SLO and prompts. */
    private BenchSettings load() throws java.io.IOException {
        return new BenchSettings(concurrency, warmup, duration, maxTokens, new Slo(sloE2e, sloTtft, 95), PromptSet.named(prompts));
    }

    private static String row(SweepOutcome o) {
        if (o.result().isEmpty()) {
            return String.format("%-28s failed: %s", o.point(), o.failure());
        }
        BenchResult r = o.result().get();
        return String.format("%-28s %9.2f %10.1f %10.0f %10.0f %10.0f  %s", o.point(), r.requestsPerSecond(),
                r.outputTokensPerSecond(), r.e2e().p95Ms(), r.e2e().p99Ms(), r.ttft().p95Ms(), r.sloMet() ? "met" : "missed");
    }
}
