package io.inferdeck.app.cli;

import io.inferdeck.services.safety.SafetyBenchmarks;
import io.inferdeck.services.safety.SafetyService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inferdeck safety bench}: prints blocklist, classifier and suite-throughput figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark the safety filters (prints figures).")
final class SafetyBenchCommand implements Callable<Integer> {
    @Option(names = "--bench-terms", defaultValue = "100000", description = "Generated blocklist size (default: ${DEFAULT-VALUE}).")
    int terms;

    @Option(names = "--text-chars", defaultValue = "8000000", description = "Generated mixed CN/EN text length (default: ${DEFAULT-VALUE}).")
    int textChars;

    @Option(names = "--cases", defaultValue = "1000", description = "Cases for the suite-throughput run (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--no-library", description = "Skip the org.ahocorasick comparison.")
    boolean noLibrary;

    @Mixin
    SafetyOptions filters;

    @Override
    public Integer call() throws Exception {
        System.out.printf("java %s, %d cpus%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        try (SafetyService safety = filters.service()) {
            safety.benchmarks().run(new SafetyBenchmarks.Sizes(terms, textChars, !noLibrary, cases), System.out::println);
        }
        return 0;
    }
}
