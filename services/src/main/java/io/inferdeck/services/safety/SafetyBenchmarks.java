package io.inferdeck.services.safety;

import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.bench.BlocklistBench;
import io.inferdeck.safety.bench.SafetyBench;
import io.inferdeck.safety.pipeline.ReviewSink;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The safety filters' benchmark: blocklist build and scan on a generated term list and text, classifier
 * latency, and suite throughput through the whole pipeline. Figures go to {@code out} line by line.
 * Blocking and CPU-heavy: background threads only.
 */
public final class SafetyBenchmarks {
    /** Sizes of the generated inputs; {@code compareLibrary} also times the org.ahocorasick library. */
    public record Sizes(int terms, int textChars, boolean compareLibrary, int cases) {
    }

    /** Classifier calls timed per figure. */
    static final int CLASSIFIER_ROUNDS = 20;

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
            SafetyBench.suiteThroughput(filters.pipeline(), sizes.cases(), out);
        }
    }
}
