package io.inferdeck.services.safety;

import io.inferdeck.safety.SafetyFilters;
import io.inferdeck.safety.SafetyPaths;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.ReviewSink;
import io.inferdeck.safety.pipeline.VerdictCache;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * A loaded filter pipeline (the built-in stages plus the settings' extra stages) and the classifier it
 * owns. Loading builds the blocklist automaton and the classifier model (about a second): background
 * threads only. The pipeline is thread-safe; closing releases the model.
 */
public final class SafetyFilterSet implements AutoCloseable {
    private final FilterSettings settings;
    private final ClassifierStage classifier;
    private final FilterPipeline pipeline;

    private SafetyFilterSet(FilterSettings settings, ClassifierStage classifier, FilterPipeline pipeline) {
        this.settings = settings;
        this.classifier = classifier;
        this.pipeline = pipeline;
    }

    /**
     * @param review where REVIEW decisions go ({@link ReviewSink#NONE} for one-off checks)
     * @throws IllegalArgumentException when the settings switch a stage the pipeline does not have
     */
    public static SafetyFilterSet open(FilterSettings settings, SafetyPaths paths, Clock clock, ReviewSink review)
            throws IOException {
        return open(settings, paths, clock, review, Optional.empty());
    }

    /**
     * @param cache where the classifier looks up texts it judged before (live traffic); empty = it judges every text
     * @throws IllegalArgumentException when the settings switch a stage the pipeline does not have
     */
    public static SafetyFilterSet open(FilterSettings settings, SafetyPaths paths, Clock clock, ReviewSink review,
                                       Optional<VerdictCache> cache) throws IOException {
        ClassifierStage loaded = settings.classifierWanted()
                ? SafetyFilters.classifier(paths, settings.head(), settings.config().reviewMargin())
                : ClassifierStage.unavailable("switched off");
        ClassifierStage classifier = cache.map(loaded::cached).orElse(loaded);   // one model: closed once, below
        try {
            FilterPipeline pipeline = SafetyFilters.pipeline(settings.config(), SafetyFilters.blocklist(settings.terms()),
                    classifier, settings.masks(), clock, review, settings.extraStages());
            return new SafetyFilterSet(settings, classifier, pipeline);
        } catch (IOException | RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    public FilterPipeline pipeline() {
        return pipeline;
    }

    public ClassifierStage classifier() {
        return classifier;
    }

    /** Why a wanted classifier did not load; empty when it loaded or was switched off. */
    public Optional<String> classifierProblem() {
        return settings.classifierWanted() && !classifier.available()
                ? Optional.of(classifier.unavailableReason()) : Optional.empty();
    }

    @Override
    public void close() {
        classifier.close();
    }
}
