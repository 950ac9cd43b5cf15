package io.inferdeck.app.cli;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufReader;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import io.inferdeck.runner.fuzz.FuzzReport;
import io.inferdeck.runner.fuzz.ModelFuzzer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inferdeck model fuzz}: the nightly-size run of the GGUF mutation fuzzer over the tiny model.
 * Exit 0 when every mutant was refused in Java or served, 1 otherwise (each problem printed).
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Mutate the tiny model (seeded) and require each mutant to be refused in Java or served by a runner.")
final class ModelFuzzCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--count", defaultValue = "2000", description = "Mutants to try (default: ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--seed", defaultValue = "21", description = "RNG seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--dir", description = "Work folder for mutants and runner logs (default: a new temp folder, kept).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("inferdeck-fuzz-");
        Path model = work.resolve("tiny-q4_0.gguf");
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q4_0, model);
        long start = System.nanoTime();
        FuzzReport r = new ModelFuzzer(GgufReader.read(model), work, line -> {
            out.println(line);
            out.flush();
        }).run(count, seed);
        r.problems().forEach(p -> out.println("PROBLEM " + p));
        out.println(r.summary());
        out.printf("%.1f s, work folder %s%n", (System.nanoTime() - start) / 1e9, work);
        return r.holds() && r.crashed() == 0 ? 0 : 1;
    }
}
