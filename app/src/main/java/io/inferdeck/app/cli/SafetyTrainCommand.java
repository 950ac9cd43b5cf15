package io.inferdeck.app.cli;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.EmbedderKind;
import io.inferdeck.safety.classifier.HeadTrainer;
import io.inferdeck.safety.classifier.HeadTraining;
import io.inferdeck.safety.classifier.TrainingData;
import io.inferdeck.services.safety.ClassifierTraining;
import io.inferdeck.services.safety.FilterSettings;
import io.inferdeck.services.safety.SafetyService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferdeck safety train DATA.jsonl}: retrains the classifier head on labeled prompts. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the classifier head on labeled JSONL ({\"text\", \"label\"}; 'bundled' for the team's set).")
final class SafetyTrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA.jsonl")
    String data;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the head (default: the user head in the config dir).")
    Path out;

    @Option(names = {"--iterations", "--epochs"}, defaultValue = "500", paramLabel = "N",
            description = "L-BFGS iterations at most per category head (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--target-fpr", paramLabel = "X", description = "Benign false-positive rate the review bands may reach on"
            + " the held-out part, per language (default: ${DEFAULT-VALUE}).", defaultValue = "0.035")
    double targetFpr;

    @Option(names = "--embedder", paramLabel = "KIND", description = "minilm, bge-zh, concat (both models) or route (by script); default: the bundled head's.")
    String embedder;

    @Override
    public Integer call() throws Exception {
        try (SafetyService safety = new SafetyService(SafetyPaths.fromEnvironment(), FilterSettings.defaults(),
                Clock.systemUTC())) {
            ClassifierTraining training = safety.training();
            TrainingData d = training.load(data);
            d.problems().forEach(p -> System.err.println("skipped " + p));
            Optional<String> unusable = ClassifierTraining.unusable(d);
            if (unusable.isPresent()) {
                throw CliError.badInput(unusable.get(), "add labelled examples (format: docs/safety/README.md)");
            }
            int total = d.examples().size();
            EmbedderKind kind;
            try {
                kind = embedder == null ? EmbedderKind.DEFAULT : EmbedderKind.parse(embedder);
            } catch (IllegalArgumentException e) {
                throw CliError.badInput(e.getMessage(), "see --help");
            }
            if (!(targetFpr > 0 && targetFpr < 0.5)) {
                throw CliError.badInput("--target-fpr must be in (0, 0.5): " + targetFpr, "e.g. --target-fpr 0.03");
            }
            HeadTraining.Plan plan = HeadTraining.Plan.DEFAULT.withTarget(targetFpr);
            ClassifierTraining.Trained t = training.train(d, kind, iterations, plan, out, n -> {
                if (n % 50 == 0 || n == total) {
                    System.err.printf(Locale.ROOT, "\rembedded %d/%d", n, total);
                }
            });
            System.err.println();
            var r = t.result();
            System.out.printf(Locale.ROOT, "trained on %d, calibrated on %d held-out examples in %.1f s%n", r.trainCount(),
                    r.heldOutCount(), t.took().toNanos() / 1e9);
            System.out.printf("%-14s %9s %9s %9s %7s %7s%n", "category", "held-out+", "threshold", "precision", "recall", "F1");
            for (HeadTrainer.Metrics m : r.heldOut()) {
                System.out.printf(Locale.ROOT, "%-14s %9d %9.3f %9.2f %7.2f %7.2f%n", m.category(), m.positives(),
                        m.threshold(), m.precision(), m.recall(), m.f1());
            }
            var op = r.head().training().path("operatingPoint");
            System.out.println("review bands fitted for held-out benign FPR <= " + op.path("targetBenignFpr").asDouble()
                    + " per language; held-out stop figures by language: " + op.path("heldOutByLanguage"));
            System.out.println("head written to " + t.head());
            return 0;
        }
    }
}
