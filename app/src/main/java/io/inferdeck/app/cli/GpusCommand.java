package io.inferdeck.app.cli;

import io.inferdeck.gpu.GpuSnapshot;
import io.inferdeck.gpu.GpuSource;
import io.inferdeck.gpu.SourceState;
import io.inferdeck.gpu.SweepBenchmark;
import io.inferdeck.gpu.dcgm.DcgmGpuSource;
import io.inferdeck.gpu.format.GpuJson;
import io.inferdeck.gpu.format.GpuTable;
import io.inferdeck.gpu.nvml.NvmlGpuSource;
import io.inferdeck.gpu.nvml.NvmlLibraryPath;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck gpus}: one look at the GPUs (or a watch, or the sweep benchmark). Exit code 0
 * also when there is no NVIDIA driver (that is a fact, not a failure); 1 when the source errs
 * (e.g. a DCGM exporter that does not answer); 2 for bad options.
 */
@Command(name = "gpus", mixinStandardHelpOptions = true,
        description = {"Shows each GPU's memory used/total, utilization, temperature, power, SM clock and compute"
                + " processes, read through NVML (or a remote DCGM exporter).",
            "Without an NVIDIA driver it prints \"NVML not available: <reason>\" and exits 0."},
        footer = {"", "Environment:",
            "  INFERDECK_NVML_LIBRARY  libnvidia-ml to load (or -Dinferdeck.nvml.library)",
            "", "Benchmark (full sweep of every GPU, as the sampler does it):",
            "  inferdeck gpus --bench --library gpu-monitor/target/standin/libnvidia-ml.so"})
public final class GpusCommand implements Callable<Integer> {

    private static final Duration MIN_INTERVAL = Duration.ofMillis(50); // the sampler's 20 Hz limit

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (one object per line with --watch).")
    boolean json;

    @Option(names = "--watch", paramLabel = "INTERVAL",
            description = "Print again every INTERVAL (e.g. 1s, 500ms, 2m; at least 50ms) until interrupted.")
    Duration watch;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N samples.")
    Integer count;

    @Option(names = "--library", paramLabel = "PATH",
            description = "libnvidia-ml to load (default: $INFERDECK_NVML_LIBRARY, else libnvidia-ml.so.1).")
    String library;

    @Option(names = "--dcgm", paramLabel = "URL",
            description = "Read a DCGM exporter instead of local NVML, e.g. http://gpu-node:9400/metrics.")
    URI dcgm;

    @Option(names = "--bench", description = "Time full sweeps of all GPUs; print median and p99 in microseconds.")
    boolean bench;

    @Option(names = "--sweeps", paramLabel = "N", defaultValue = "10000", description = "--bench: measured sweeps (${DEFAULT-VALUE}).")
    int sweeps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2000", description = "--bench: unmeasured sweeps first (${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws InterruptedException {
        Duration interval = watch == null ? null : interval(watch);
        if (count != null && (interval == null || count < 1)) {
            throw new ParameterException(spec.commandLine(), "--count needs --watch and a value of at least 1");
        }
        if (bench && (interval != null || json || sweeps < 1 || warmup < 0)) {
            throw new ParameterException(spec.commandLine(),
                    "--bench takes --sweeps >= 1 and --warmup >= 0, not --watch or --json");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (GpuSource source = source()) {
            if (bench) {
                return bench(source, out);
            }
            GpuSnapshot snapshot = source.sample();
            print(snapshot, out, interval != null);
            for (int n = 1; interval != null && (count == null || n < count); n++) {
                Thread.sleep(interval);
                snapshot = source.sample();
                print(snapshot, out, true);
            }
            return snapshot.state().status() == SourceState.Status.ERROR ? 1 : 0;
        }
    }

    private GpuSource source() {
        if (dcgm != null) {
            if (library != null) {
                throw new ParameterException(spec.commandLine(), "--dcgm and --library exclude each other");
            }
            try {
                return DcgmGpuSource.builder(dcgm).build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return nvml(library);
    }

    /** Local NVML from {@code library}, else from the default places ({@link NvmlLibraryPath}). */
    static GpuSource nvml(String library) {
        List<String> candidates = library != null ? List.of(library) : NvmlLibraryPath.candidates();
        return NvmlGpuSource.builder().libraryCandidates(candidates).build();
    }

    private void print(GpuSnapshot snapshot, PrintWriter out, boolean watching) {
        if (json) {
            out.println(GpuJson.format(snapshot, !watching));
        } else if (!snapshot.state().isOk() && snapshot.gpus().isEmpty()) {
            out.println(watching ? snapshot.at() + "  " + snapshot.state().message() : snapshot.state().message());
        } else {
            out.print(watching && System.console() != null ? "\033[H\033[2J" + GpuTable.format(snapshot)
                    : GpuTable.format(snapshot) + (watching ? "\n" : ""));
        }
        out.flush();
    }

    private int bench(GpuSource source, PrintWriter out) {
        SweepBenchmark.Result result = SweepBenchmark.run(source, warmup, sweeps);
        if (!result.state().isOk()) {
            spec.commandLine().getErr().println("gpus --bench: nothing to measure: " + result.state().message());
            return 1;
        }
        out.println("source: " + result.state().message()
                + (source instanceof NvmlGpuSource n ? " [" + n.bindingVersions() + "]" : ""));
        out.println(result.summary());
        return 0;
    }

    private Duration interval(Duration d) {
        if (d.compareTo(MIN_INTERVAL) < 0) {
            throw new ParameterException(spec.commandLine(), "--watch: at least 50ms (GPU sampling is limited to 20 Hz)");
        }
        return d;
    }
}
