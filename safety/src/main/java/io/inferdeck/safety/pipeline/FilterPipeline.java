package io.inferdeck.safety.pipeline;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.blocklist.Blocklist;
import io.inferdeck.safety.classifier.ClassifierStage;
import io.inferdeck.safety.normalize.NormalizedText;
import io.inferdeck.safety.normalize.Normalizer;
import io.inferdeck.safety.normalize.NormalizerOptions;
import io.inferdeck.safety.pii.PiiStage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The filter: normalize → blocklist → PII → classifier, each stage on or off per side. The most
 * severe decision wins. The classifier is skipped once the blocklist has blocked (its answer could not
 * change the outcome). REVIEW results go to the {@link ReviewSink}. Thread-safe if its parts are
 * (all shipped parts are).
 */
public final class FilterPipeline {
    private final FilterConfig config;
    private final Blocklist blocklist;
    private final PiiStage pii;
    private final ClassifierStage classifier;
    private final ReviewSink review;
    private final Normalizer normalizer = new Normalizer(NormalizerOptions.LEXICAL);

    public FilterPipeline(FilterConfig config, Blocklist blocklist, PiiStage pii, ClassifierStage classifier,
                          ReviewSink review) {
        this.config = config;
        this.blocklist = blocklist;
        this.pii = pii;
        this.classifier = classifier;
        this.review = review;
    }

    public FilterConfig config() {
        return config;
    }

    public ClassifierStage classifier() {
        return classifier;
    }

    /** SHA-256 of the config, the blocklist's terms count and PII settings: changes when filtering can. */
    public String configHash() {
        return FilterConfig.sha256(config.describe() + "|terms=" + blocklist.termCount() + "/" + blocklist.listCount()
                + "|pii=" + pii.detector().kinds() + pii.detector().masks().describe()).substring(0, 16);
    }

    public PipelineResult filter(String text, Side side) {
        StageSwitches on = config.side(side);
        boolean truncated = text.length() > config.maxChars();
        String original = truncated ? text.substring(0, config.maxChars()) : text;
        Map<Stage, Long> nanos = new EnumMap<>(Stage.class);
        List<Verdict> verdicts = new ArrayList<>();

        long t = System.nanoTime();
        NormalizedText norm = on.on(Stage.NORMALIZE) ? normalizer.normalize(original) : NormalizedText.identity(original);
        if (on.on(Stage.NORMALIZE)) {
            nanos.put(Stage.NORMALIZE, System.nanoTime() - t);
        }
        if (on.on(Stage.BLOCKLIST)) {
            t = System.nanoTime();
            verdicts.add(blocklist.check(norm));
            nanos.put(Stage.BLOCKLIST, System.nanoTime() - t);
        }
        String safe = original;
        if (on.on(Stage.PII)) {
            t = System.nanoTime();
            PiiStage.Result r = pii.apply(original);
            verdicts.add(r.verdict());
            safe = r.redacted();
            nanos.put(Stage.PII, System.nanoTime() - t);
        }
        boolean blocked = verdicts.stream().anyMatch(v -> v.decision() == Decision.BLOCK);
        if (on.on(Stage.CLASSIFIER) && !blocked) {
            t = System.nanoTime();
            verdicts.add(classifier.check(norm.text()));
            if (classifier.available()) {
                nanos.put(Stage.CLASSIFIER, System.nanoTime() - t);
            }
        }
        Verdict decisive = verdicts.stream()
                .reduce((a, b) -> b.decision().ordinal() > a.decision().ordinal() ? b : a)
                .orElse(Verdict.allow(Stage.NORMALIZE));
        PipelineResult result = new PipelineResult(side, decisive.decision(), decisive, verdicts, safe, nanos, truncated);
        if (result.decision() == Decision.REVIEW) {
            review.submit(result);
        }
        return result;
    }
}
