package io.inferdeck.services.safety.live;

import io.inferdeck.control.gateway.filter.FilterDecision;
import io.inferdeck.control.gateway.filter.FilterOutcome;
import io.inferdeck.control.profile.GatewaySettings;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.FilterPipeline;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.review.ReviewItem;
import io.inferdeck.safety.review.ReviewQueue;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the pipeline's results on live traffic into the gateway's decisions, with the review queue: REVIEW and
 * BLOCK results are queued (REVIEW by the pipeline itself, BLOCK here), one item per prompt hash and stage
 * decision; a reviewer's decision on that item, made under the same filter config, overrides the pipeline's
 * (acceptable → forwarded, blocked → blocked); otherwise REVIEW is forwarded ({@code forward}) or refused until
 * reviewed ({@code hold}). Thread-safe (the queue serialises its calls).
 */
final class LiveReview {
    /** Longest excerpt of a (masked) text in a decision, for logs. */
    static final int EXCERPT = 200;

    private final ReviewQueue queue;
    private final boolean hold;

    /** @param mode the profile's {@code gateway.safety.review}: forward or hold */
    LiveReview(ReviewQueue queue, String mode) {
        this.queue = queue;
        String m = mode.toLowerCase(Locale.ROOT);
        if (!GatewaySettings.Safety.REVIEW_MODES.contains(m)) {   // ProfileValidator reports it first for a profile
            throw new IllegalArgumentException("gateway.safety.review must be one of " + GatewaySettings.Safety.REVIEW_MODES
                    + ", not '" + mode + "'");
        }
        this.hold = m.equals("hold");
    }

    /**
     * The decision on one input text; {@code masked} says whether the text forwarded differs from the one sent.
     *
     * @param pipeline the pipeline that produced {@code r} (its config hash keys reviewers' decisions)
     */
    FilterOutcome input(PipelineResult r, FilterPipeline pipeline, boolean masked) {
        if (r.decision() == Decision.BLOCK) {
            queue.submit(r, pipeline.configHash());
        }
        if (!r.decision().stops()) {
            return masked ? maskedBy(r) : FilterOutcome.PASS;
        }
        Optional<ReviewItem> ruled = queue.decided(r, pipeline.configHash());
        if (ruled.isPresent()) {
            return ruled.get().acceptable() ? masked ? maskedBy(r) : FilterOutcome.PASS
                    : new FilterOutcome(FilterDecision.BLOCK, r.decisive().stage().wire(),
                            "a reviewer blocked item #" + ruled.get().id(), excerpt(r));
        }
        FilterDecision d = r.decision() == Decision.BLOCK ? FilterDecision.BLOCK : hold ? FilterDecision.HOLD : FilterDecision.REVIEW;
        return outcome(d, r);
    }

    /** A reply's block: queued, and the decision that stops the reply. */
    FilterOutcome outputBlock(PipelineResult r, FilterPipeline pipeline) {
        queue.submit(r, pipeline.configHash());
        return outcome(FilterDecision.BLOCK, r);
    }

    static FilterOutcome outcome(FilterDecision d, PipelineResult r) {
        return new FilterOutcome(d, r.decisive().stage().wire(), r.decisive().reason(), excerpt(r));
    }

    /** MASKED, naming the PII stage's rule (the kinds it found). */
    static FilterOutcome maskedBy(PipelineResult r) {
        String rule = r.verdicts().stream().filter(v -> v.stage().equals(Stage.PII) && v.decision() == Decision.REDACT)
                .map(Verdict::reason).findFirst().orElse("pii");
        return new FilterOutcome(FilterDecision.MASKED, Stage.PII.wire(), rule, "");
    }

    private static String excerpt(PipelineResult r) {
        String t = r.safeText();
        return t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "…";
    }
}
