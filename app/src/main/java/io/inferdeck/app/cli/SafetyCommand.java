package io.inferdeck.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inferdeck safety ...}: safety-filter suites, classifier training, one-off checks, benchmarks. */
@Command(name = "safety", mixinStandardHelpOptions = true,
        description = "Safety filters: run test suites, train the classifier head, check a text, benchmark.",
        subcommands = {SafetyRunCommand.class, SafetyTrainCommand.class, SafetyCheckCommand.class,
                SafetyBenchCommand.class, SafetyReviewCommand.class})
public final class SafetyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
