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
import io.inferdeck.tuning.load.BenchPlan;
import io.inferdeck.tuning.load.PromptSet;
import io.inferdeck.tuning.load.Slo;
import io.inferdeck.tuning.sweep.QualityBudget;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.Sweep;
import io.inferdeck.tuning.sweep.SweepJson;
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
    @Option(names = "--duration", defaultValue = "10s", description = "Shortest measured window per point (default ${DEFAULT-VALUE}; see --max-duration).") Duration duration;
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
    @Option(names = "--compare-defaults", description = "After the grid, measure llama-server's current defaults (--baseline-quant, "
            + "threads = physical cores, 4 slots with the full context each as its unified KV cache gives, batch 2048, ubatch 512, "
            + "flash attention on as auto gives on CPU) against the best point at the baseline's quant (settings gain) and the "
            + "recommendation under the quality budget (total gain), in --rounds rounds, and print both gains.")
    boolean compareDefaults;
    @Option(names = "--baseline-quant", defaultValue = "F16", description = "Model variant of the stock baseline (default ${DEFAULT-VALUE}: as converted).")
    GgmlType baselineQuant;
    @Option(names = "--no-history", description = "Do not record the sweep in the history database (<data dir>/history.db).")
    boolean noHistory;
    @Option(names = "--rounds", defaultValue = "2", description = "Rounds for --compare-defaults (default ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--max-duration", description = "Time budget per point: the window grows past --duration until the SLO "
            + "percentile's 95%% interval is tight (--ci-width) or decides the verdict (default: 4 x --duration; = --duration: fixed window).")
    Duration maxDuration;
    @Option(names = "--ci-width", defaultValue = "0.1", description = "Tight enough: the interval's half-width relative to the "
            + "percentile (default ${DEFAULT-VALUE}).")
    double ciWidth;
    @Option(names = "--rates", split = ",", paramLabel = "REQ_PER_S", description = "Open loop: Poisson arrivals at each rate "
            + "(a ladder, ascending; higher rungs are skipped once one misses the SLO) instead of the closed loop of --concurrency "
            + "streams; the recommendation is the highest rate meeting the SLO.")
    List<Double> rates;
    @Option(names = "--max-kl", defaultValue = "0.02", description = "Quality budget: most mean KL (nats) from the highest-precision "
            + "variant a recommended variant may have, from the quantization report (measured once per variant, cached) "
            + "(default ${DEFAULT-VALUE}; see docs/tuning.md).")
    double maxKl;
    @Option(names = "--no-quality-limit", description = "Recommend any variant, whatever its quality loss.")
    boolean noQualityLimit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchSettings load = load();   // a bad prompts file is refused before any model is written
        DeploymentProfile base = profileFile != null ? ProfileFiles.load(profileFile) : DeploymentProfile.builder().build();
        if (threads != null) {
            base = base.toBuilder().threads(threads).build();
        }
        List<String> names = new java.util.ArrayList<>(quants.stream().map(GgmlType::name).toList());
        if (compareDefaults && !names.contains(baselineQuant.name())) {
            names.add(baselineQuant.name());     // the settings gain needs points at the baseline's own quant
        }
        ScheduledExecutorService exec = CliTuning.supervisor();
        try (GatewayParts parts = GatewayParts.open(CliErrorHandler.warnings(spec)); TuningService tuning = CliTuning.open(exec, parts)) {
            java.util.Map<String, Path> models = tuning.sweepModels(base, names);
            QualityBudget budget = noQualityLimit ? QualityBudget.NONE : tuning.qualityBudget(base, models, maxKl, n -> {
                err.println("sweep: " + n);
                err.flush();
            });
            out.println("load: " + (rates == null ? "closed loop, " + concurrency + " streams (hides queueing stalls; --rates for open loop)"
                    : "open loop, Poisson arrivals, rates " + rates + " req/s") + "; quality budget: " + budget + " " + budget.meanKl());
            SweepRequest request = new SweepRequest(base, models, Sweep.grid(names, batches, parallels, rates == null ? List.of() : rates),
                    load, !noHistory, budget);
            SweepTable table = new SweepTable(out);
            SweepResult result = tuning.sweep(request, table::row, () -> false, p -> err.println(p.kind() == HistoryProblem.Kind.NOT_RECORDING
                    ? "sweep: not recording history in " + p.database() + ": " + p.detail() : p.detail()));
            if (result.recorded()) {
                out.println("recorded " + result.outcomes().size() + " points in " + tuning.history().location() + " (inferdeck history list)");
            }
            Recommendation rec = result.recommendation();
            out.println();
            out.println((rec.best().isPresent() ? "Recommendation: " : "No recommendation: ") + rec.reason());
            out.println("bound by: " + rec.bound());
            if (compareDefaults) {
                TuningGain gain = new TuningGain(out, rounds);
                gain.result(tuning.gain(request, result.outcomes(), baselineQuant.name(), rounds, gain));
            }
            if (json != null) {
                AtomicFiles.writeString(json, SweepJson.toPrettyString(result.outcomes(), rec, budget));
                out.println("wrote " + json);
            }
            return result.outcomes().stream().anyMatch(o -> o.result().isPresent()) ? 0 : 1;
        } finally {
            exec.shutdownNow();
        }
    }

    /** The load every point gets: closed loop, --concurrency streams, the window and its budget, warm-up, tokens, SLO and prompts. */
    private BenchSettings load() throws java.io.IOException {
        Duration budget = maxDuration != null ? maxDuration : duration.multipliedBy(4);
        if (budget.compareTo(duration) < 0 || !(ciWidth > 0) || rates != null && rates.stream().anyMatch(r -> !(r > 0))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-duration must be >= --duration, --ci-width > 0 and every --rates value > 0");
        }
        return new BenchSettings(concurrency, warmup, duration, maxTokens, new Slo(sloE2e, sloTtft, 95), PromptSet.named(prompts),
                new BenchPlan.Extension(budget, ciWidth));
    }
}
