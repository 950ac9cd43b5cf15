package io.inferdeck.services.safety;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.HeadTrainer;
import io.inferdeck.safety.classifier.HeadTraining;
import io.inferdeck.safety.classifier.Embedder;
import io.inferdeck.safety.classifier.EmbedderKind;
import io.inferdeck.safety.classifier.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Retrains the classifier head on labeled texts: loads the data, checks it can train a head, embeds it
 * with the same model the classifier stage uses and writes the calibrated head. Blocking (model load,
 * one embedding per example): background threads only. Stateless.
 */
public final class ClassifierTraining {
    /** What {@link #load(String)} accepts for the team's bundled training set. */
    public static final String BUNDLED = "bundled";

    /** The trained head's figures, where it was written, and how long training took (model load excluded). */
    public record Trained(HeadTraining.Result result, Path head, Duration took) {
    }

    private final SafetyPaths paths;
    private final Clock clock;

    ClassifierTraining(SafetyPaths paths, Clock clock) {
        this.paths = paths;
        this.clock = clock;
    }

    /** {@code spec}: a JSONL file of {"text", "label"}, or {@link #BUNDLED}. */
    public TrainingData load(String spec) throws IOException {
        return BUNDLED.equals(spec) ? TrainingData.bundled() : TrainingData.read(Path.of(spec));
    }

    /** Why {@code data} cannot train a head (a head needs benign examples and at least one category); empty if it can. */
    public static Optional<String> unusable(TrainingData data) {
        return data.categories().isEmpty() || data.examples().stream().noneMatch(e -> e.benign())
                ? Optional.of("need examples labeled 'benign' and at least one category") : Optional.empty();
    }

    /**
     * @param out      where to write the head; null = the user head in the config folder, which the
     *                 classifier stage prefers over the bundled one from then on
     * @param progress examples embedded so far
     * @param iterations L-BFGS iterations at most per head ({@link HeadTrainer.Options#DEFAULT}: 500)
     */
    public Trained train(TrainingData data, int iterations, Path out, IntConsumer progress) throws IOException {
        return train(data, EmbedderKind.DEFAULT, iterations, HeadTraining.Plan.DEFAULT, out, progress);
    }

    /**
     * @param kind the embedding the head is trained on (and the classifier stage will load for it)
     * @param plan the held-out split and the benign false-positive target the review bands are fitted to
     */
    public Trained train(TrainingData data, EmbedderKind kind, int iterations, HeadTraining.Plan plan, Path out,
                         IntConsumer progress) throws IOException {
        Path target = out != null ? out : paths.userHead();
        try (Embedder embedder = kind.open(paths.modelCache())) {
            Instant start = clock.instant();
            HeadTraining.Result r = HeadTraining.run(data, kind, embedder,
                    HeadTrainer.Options.DEFAULT.withIterations(iterations), plan, progress);
            Duration took = Duration.between(start, clock.instant());
            r.head().write(target);
            return new Trained(r, target, took);
        }
    }
}
