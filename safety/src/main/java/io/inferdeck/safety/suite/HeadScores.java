package io.inferdeck.safety.suite;

import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.normalize.Normalizer;
import io.inferdeck.safety.normalize.NormalizerOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A suite case's classifier score per category head, for the report's precision–recall curves: the prompt cut
 * to the filter's length cap, normalized as the pipeline's normalize stage does, scored by every head. This
 * embeds the prompt a second time (the pipeline's verdict keeps only the deciding score), so it roughly doubles
 * a filter-only run's classifier time. Thread-safe (the classifier is).
 */
public final class HeadScores implements Function<String, Map<String, Double>> {
    private final ClassifierStage classifier;
    private final Normalizer normalizer = new Normalizer(NormalizerOptions.LEXICAL);
    private final int maxChars;

    private HeadScores(ClassifierStage classifier, int maxChars) {
        this.classifier = classifier;
        this.maxChars = maxChars;
    }

    /** Scores by {@code classifier}, or none (every case gets an empty map) when it is unavailable. */
    public static Function<String, Map<String, Double>> of(ClassifierStage classifier, int maxChars) {
        return classifier.available() ? new HeadScores(classifier, maxChars) : prompt -> Map.of();
    }

    @Override
    public Map<String, Double> apply(String prompt) {
        String cut = prompt.length() > maxChars ? prompt.substring(0, maxChars) : prompt;
        double[] s = classifier.scores(normalizer.normalize(cut).text());
        List<String> categories = classifier.categories();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < s.length; i++) {
            out.put(categories.get(i), s[i]);
        }
        return out;
    }
}
