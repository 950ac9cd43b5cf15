package io.inferdeck.safety.classifier;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.StageInput;
import io.inferdeck.safety.pipeline.StageOutcome;
import io.inferdeck.safety.pipeline.VerdictCache;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The semantic stage: embeds the normalized text, hashes its n-grams when the head reads them, and scores every
 * category ({@link ClassifierHead#scores}). Any category at or above its
 * threshold → BLOCK (the category furthest above its threshold is named); else any head in its review band →
 * REVIEW (the uncertain band goes to a human); else ALLOW with the score of the head nearest its threshold. The band is the head's
 * calibrated {@code reviewThreshold}, or {@code reviewMargin} below the threshold for heads without one. When the model could not be loaded the
 * stage is "unavailable": it allows, says so in the rule, and never throws. In the pipeline it reads the
 * normalized text and is skipped once an earlier stage blocked (its answer could not change the outcome).
 * Its model identity is recorded in run fingerprints, not in the config hash. A {@link #cached} stage looks its
 * verdicts up in a {@link VerdictCache} first (live traffic); suites and benchmarks judge every text. Thread-safe.
 */
public final class ClassifierStage implements FilterStage, AutoCloseable {
    public static final int ORDER = 400;

    private final Embedder embedder;
    private final ClassifierHead head;
    private final double reviewMargin;
    private final String unavailableReason;
    private final Optional<VerdictCache> cache;
    /** Everything that decides a verdict besides the text: model(s), head (weights and thresholds), review band. */
    private final String version;
    /** SHA-256 of the head's JSON, computed once: the JSON is megabytes (n-gram weights, exemplars). */
    private final String headHash;

    private ClassifierStage(Embedder embedder, ClassifierHead head, double reviewMargin, String unavailableReason,
                            Optional<VerdictCache> cache) {
        this.embedder = embedder;
        this.head = head;
        this.reviewMargin = reviewMargin;
        this.unavailableReason = unavailableReason;
        this.cache = cache;
        this.headHash = unavailableReason != null ? "unavailable" : head.hash();
        this.version = unavailableReason != null ? "unavailable"
                : embedder.modelSha256() + "/" + headHash + "/" + reviewMargin;
    }

    public static ClassifierStage of(Embedder embedder, ClassifierHead head, double reviewMargin) {
        if (!head.modelSha256().isEmpty() && !head.modelSha256().equalsIgnoreCase(embedder.modelSha256())) {
            throw new IllegalArgumentException("classifier head was trained for model " + head.modelSha256()
                    + " but the loaded model is " + embedder.modelSha256());
        }
        return new ClassifierStage(embedder, head, reviewMargin, null, Optional.empty());
    }

    public static ClassifierStage unavailable(String reason) {
        return new ClassifierStage(null, null, 0, reason, Optional.empty());
    }

    /**
     * The same classifier (same model instance: close only one of the two) answering repeated texts from
     * {@code cache}. Its verdicts are the ones this stage gives.
     */
    public ClassifierStage cached(VerdictCache cache) {
        return new ClassifierStage(embedder, head, reviewMargin, unavailableReason, Optional.of(cache));
    }

    @Override
    public Stage id() {
        return Stage.CLASSIFIER;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public StageOutcome apply(StageInput in) {
        return StageOutcome.judged(check(in.normalized().text()));
    }

    @Override
    public boolean skipOnceBlocked() {
        return true;
    }

    @Override
    public boolean available() {
        return unavailableReason == null;
    }

    /** Why the stage is unavailable, or null. */
    public String unavailableReason() {
        return unavailableReason;
    }

    /** SHA-256 over head JSON and model hash, or "unavailable". */
    public String fingerprint() {
        return available() ? headHash.substring(0, 16) + "/" + embedder.modelSha256().substring(0, 16) : "unavailable";
    }

    public List<String> categories() {
        return available() ? head.categories() : List.of();
    }

    /** Scores per category, in head order. */
    public double[] scores(String normalizedText) {
        float[] x = embedder.embed(normalizedText);
        return head.scores(x, head.ngramFeatures(normalizedText));
    }

    public Verdict check(String normalizedText) {
        if (!available()) {
            return new Verdict(Decision.ALLOW, Stage.CLASSIFIER, "classifier:unavailable", OptionalDouble.empty(),
                    null, List.of());
        }
        return cache.isPresent() ? cache.get().get(Stage.CLASSIFIER, version, normalizedText, this::judge) : judge(normalizedText);
    }

    private Verdict judge(String normalizedText) {
        double[] s = scores(normalizedText);
        List<LinearHead> heads = head.heads();
        int best = 0; // the head furthest above (or nearest below) its own threshold
        int review = -1;
        double reviewBest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            best = s[i] - heads.get(i).threshold() > s[best] - heads.get(best).threshold() ? i : best;
            double rm = s[i] - heads.get(i).reviewFrom(reviewMargin);
            if (rm >= 0 && rm > reviewBest) {
                reviewBest = rm;
                review = i;
            }
        }
        if (s[best] >= heads.get(best).threshold()) {
            return Verdict.byScore(Decision.BLOCK, Stage.CLASSIFIER, s[best], heads.get(best).category());
        }
        if (review >= 0) {
            return Verdict.byScore(Decision.REVIEW, Stage.CLASSIFIER, s[review], heads.get(review).category());
        }
        return Verdict.byScore(Decision.ALLOW, Stage.CLASSIFIER, s[best], heads.get(best).category());
    }

    @Override
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
    }
}
