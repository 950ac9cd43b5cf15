package io.inferdeck.app.cli;

import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import io.inferdeck.services.safety.SafetyService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferdeck safety check "text"}: prints the decision and each stage's verdict; exit 1 if stopped. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Filter one text and print the verdicts.")
final class SafetyCheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TEXT")
    String text;

    @Option(names = "--output", description = "Check as model output instead of user input.")
    boolean output;

    @Mixin
    SafetyOptions filters;

    @Override
    public Integer call() throws Exception {
        try (SafetyService safety = filters.service()) {
            PipelineResult r = safety.check(text, output ? Side.OUTPUT : Side.INPUT);
            System.out.println("decision: " + r.decision().wire() + (r.truncated() ? " (text was cut to the length cap)" : ""));
            for (Verdict v : r.verdicts()) {
                System.out.printf("  %-10s %-7s %-8s %s%n", v.stage().wire(), v.decision().wire(),
                        v.category() == null ? "-" : v.category(), v.reason());
            }
            System.out.println("text: " + r.safeText());
            return r.decision().stops() ? 1 : 0;
        }
    }
}
