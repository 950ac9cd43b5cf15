package io.inferdeck.app.cli;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.HeadTrainer;
import io.inferdeck.safety.classifier.HeadTraining;
import io.inferdeck.safety.classifier.MiniLmEmbedder;
import io.inferdeck.safety.classifier.TrainingData;
import java.nio.file.Path;
import java.util.Locale;
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

    @Option(names = "--epochs", defaultValue = "3000")
    int epochs;

    @Override
    public Integer call() throws Exception {
        TrainingData d;
        try {
            d = "bundled".equals(data) ? TrainingData.bundled() : TrainingData.read(Path.of(data));
        } catch (java.io.IOException e) {
            System.err.println("safety train: " + e.getMessage());
            return 2;
        }
        d.problems().forEach(p -> System.err.println("skipped " + p));
        if (d.categories().isEmpty() || d.examples().stream().noneMatch(e -> e.benign())) {
            System.err.println("safety train: need examples labeled 'benign' and at least one category");
            return 2;
        }
        SafetyPaths paths = SafetyPaths.fromEnvironment();
        Path target = out != null ? out : paths.userHead();
        HeadTrainer.Options base = HeadTrainer.Options.DEFAULT;
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(paths.modelCache())) {
            long t = System.nanoTime();
            int total = d.examples().size();
            HeadTraining.Result r = HeadTraining.run(d, embedder, new HeadTrainer.Options(epochs, base.learningRate(), base.l2()),
                    n -> {
                        if (n % 50 == 0 || n == total) {
                            System.err.printf(Locale.ROOT, "\rembedded %d/%d", n, total);
                        }
                    });
            System.err.println();
            System.out.printf(Locale.ROOT, "trained on %d, calibrated on %d held-out examples in %.1f s%n", r.trainCount(),
                    r.heldOutCount(), (System.nanoTime() - t) / 1e9);
            System.out.printf("%-14s %9s %9s %9s %7s %7s%n", "category", "held-out+", "threshold", "precision", "recall", "F1");
            for (HeadTrainer.Metrics m : r.heldOut()) {
                System.out.printf(Locale.ROOT, "%-14s %9d %9.3f %9.2f %7.2f %7.2f%n", m.category(), m.positives(),
                        m.threshold(), m.precision(), m.recall(), m.f1());
            }
            r.head().write(target);
            System.out.println("head written to " + target);
            return 0;
        }
    }
}
