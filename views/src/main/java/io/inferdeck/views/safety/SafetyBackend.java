package io.inferdeck.views.safety;

import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pii.MaskPolicy;
import io.inferdeck.safety.pipeline.FilterConfig;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.report.RunHistory;
import io.inferdeck.safety.review.ReviewQueue;
import io.inferdeck.safety.suite.StarterSuite;
import io.inferdeck.safety.suite.Suite;
import io.inferdeck.safety.suite.SuiteLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The safety services the Safety view-model uses, loaded lazily: the first {@link #pipeline()} call
 * builds the blocklist and loads the classifier model (about a second), so it must run on a background
 * thread, never the FX thread. Thread-safety: the lazy getters are synchronized; the pipeline and queue
 * are themselves thread-safe. Owned and closed by the composition root.
 */
public final class SafetyBackend implements AutoCloseable {

    private final SafetyPaths paths;
    private final Clock clock;
    private ClassifierStage classifier;
    private FilterPipeline pipeline;
    private ReviewQueue review;

    public SafetyBackend(SafetyPaths paths, Clock clock) {
        this.paths = paths;
        this.clock = clock;
    }

    /** Suites shown in the picker: the starter suite, then *.jsonl / *.csv in {@code <data>/safety/suites}. */
    public List<SuiteSource> suites() throws IOException {
        List<SuiteSource> out = new ArrayList<>();
        out.add(SuiteSource.starter());
        Path dir = suitesDir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".csv"))
                        .sorted().forEach(p -> out.add(SuiteSource.file(p)));
            }
        }
        return out;
    }

    public Path suitesDir() {
        return paths.dataDir().resolve("suites");
    }

    public Suite load(SuiteSource source) throws IOException {
        return source.path() == null ? StarterSuite.load() : SuiteLoader.load(source.path());
    }

    /** Background thread only: the first call loads the model. */
    public synchronized FilterPipeline pipeline() throws IOException {
        if (pipeline == null) {
            classifier = SafetyFilters.classifier(paths, null, FilterConfig.defaults().reviewMargin());
            pipeline = SafetyFilters.pipeline(FilterConfig.defaults(), SafetyFilters.blocklist(null), classifier,
                    MaskPolicy.defaults(), clock, reviewQueue());
        }
        return pipeline;
    }

    public synchronized ReviewQueue reviewQueue() throws IOException {
        if (review == null) {
            review = new ReviewQueue(paths.reviewDb(), clock);
        }
        return review;
    }

    public RunHistory history() {
        return new RunHistory(paths.runsDir());
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        if (classifier != null) {
            classifier.close();
        }
        if (review != null) {
            review.close();
        }
    }
}
