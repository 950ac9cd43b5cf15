package io.inferdeck.services.safety;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.bench.BatchBench;
import io.inferdeck.safety.bench.BlocklistBench;
import io.inferdeck.safety.bench.SafetyBench;
import io.inferdeck.safety.classifier.OnnxModel;
import io.inferdeck.safety.pipeline.ReviewSink;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The safety filters' benchmark: blocklist build and scan on a generated term list and text, classifier
 * latency, what batching the sentence model would cost and change, and suite throughput through the whole
 * pipeline with each stage's latency. Figures go to {@code out} line by line.
 * Blocking and CPU-heavy: background threads only.
 */
public final class SafetyBenchmarks {
    /** Sizes of the generated inputs; {@code compareLibrary} also times the org.ahocorasick library. */
    public record Sizes(int terms, int textChars, boolean compareLibrary, int cases) {
    }

    /** Classifier calls timed per figure. */
    static final int CLASSIFIER_ROUNDS = 20;
    /** Passes over the prompts per batch size in the batching figure. */
    static final int BATCH_ROUNDS = 3;

    private final SafetyPaths paths;
    private final FilterSettings settings;
    private final Clock clock;

    SafetyBenchmarks(SafetyPaths paths, FilterSettings settings, Clock clock) {
        this.paths = paths;
        this.settings = settings;
        this.clock = clock;
    }

    public void run(Sizes sizes, Consumer<String> out) throws IOException {
        BlocklistBench.run(sizes.terms(), sizes.textChars(), sizes.compareLibrary(), out);
        try (SafetyFilterSet filters = SafetyFilterSet.open(settings, paths, clock, ReviewSink.NONE)) {
            SafetyBench.classifier(filters.classifier(), CLASSIFIER_ROUNDS, out);
            if (filters.classifier().available()) {
                BatchBench.run(paths.modelCache(), OnnxModel.MINILM, SafetyBench.latinPrompts(), BATCH_ROUNDS, out);
            }
            SafetyBench.suiteThroughput(filters.pipeline(), sizes.cases(), out);
        }
    }
}
