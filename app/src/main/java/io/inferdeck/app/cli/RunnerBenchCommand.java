package io.inferdeck.app.cli;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelLibrary;
import io.inferdeck.runner.RunnerOptions;
import io.inferdeck.runner.bench.AdmissionBench;
import io.inferdeck.runner.bench.RunnerBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck runner-bench}: decode speed and TTFT of the default model's variants, direct vs.
 * through the runner's streaming HTTP API, plus concurrent streams. Prints a table; the numbers in
 * docs/performance.md come from it. Every measurement runs in a child JVM, never in this one.
 */
@Command(name = "runner-bench", mixinStandardHelpOptions = true,
        description = "Benchmark the inference runner: tokens/s and TTFT, de.kherud:llama direct vs. HTTP+SSE, "
                + "and aggregate tokens/s at several concurrent streams. Run `inferdeck model init` first.")
public final class RunnerBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", description = "Models folder (default: $XDG_DATA_HOME/inferdeck/models).")
    Path dir;
    @Option(names = "--variants", split = ",", description = "Variants to measure (default: ${DEFAULT-VALUE}).",
            defaultValue = "F32,F16,Q8_0,Q4_0")
    List<GgmlType> variants;
    @Option(names = "--threads", description = "Decode threads for direct vs. HTTP (default: the runner's default).")
    int threads = RunnerOptions.DEFAULT_THREADS;
    @Option(names = "--compare-threads", split = ",", description = "Thread counts for the direct-only comparison "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "1,2")
    List<Integer> compare;
    @Option(names = "--skip-compare", description = "Skip the threads comparison.")
    boolean skipCompare;
    @Option(names = "--tokens", description = "Tokens generated per request (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    int tokens;
    @Option(names = "--reps", description = "Repetitions per measurement; the median is printed (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int reps;
    @Option(names = "--streams", split = ",", description = "Concurrency levels N, each measured on a runner with "
            + "--parallel N, on the last variant (default: ${DEFAULT-VALUE}).",
            defaultValue = "1,2,4,8")
    List<Integer> streams;
    @Option(names = "--skip-streams", description = "Skip the concurrent-streams measurement.")
    boolean skipStreams;
    @Option(names = "--jdk-client", description = "Measure path (b) with java.net.http.HttpClient instead of a "
            + "single blocking socket (shows the client's own CPU cost on small machines).")
    boolean jdkClient;
    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    int seed;
    @Option(names = "--admission", description = "Only measure admission: how fast an oversized request is refused "
            + "and the runner's CPU after a client abandons a stream (on the last variant).")
    boolean admission;
    @Option(names = "--refusals", defaultValue = "50", description = "Oversized requests sent with --admission "
            + "(default: ${DEFAULT-VALUE}).")
    int refusals;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelLibrary lib = ModelCommand.library(dir);
        List<RunnerBench.Variant> models = new ArrayList<>();
        for (GgmlType t : variants) {
            Path p = lib.variantPath(LlamaModelSpec.DEFAULT, t);
            if (!Files.isRegularFile(p)) {
                spec.commandLine().getErr().println("missing " + p + ": run `inferdeck model init` first");
                return 1;
            }
            models.add(new RunnerBench.Variant(t.name(), p));
        }
        Path work = Files.createTempDirectory("inferdeck-bench-");
        out.printf("InferDeck runner benchmark: %s, %d CPUs, logs in %s%n", LlamaModelSpec.DEFAULT.displayName(),
                Runtime.getRuntime().availableProcessors(), work);
        if (admission) {
            new AdmissionBench(models.getLast().file(), refusals, work, out).run();
            return 0;
        }
        new RunnerBench(new RunnerBench.Config(models, threads, skipCompare ? List.of() : compare, tokens, reps,
                seed, skipStreams ? List.of() : streams, jdkClient, work), out).run();
        return 0;
    }
}
