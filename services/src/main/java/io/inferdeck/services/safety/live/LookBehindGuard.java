package io.inferdeck.services.safety.live;

import io.inferdeck.control.gateway.filter.FilterDecision;
import io.inferdeck.control.gateway.filter.FilterOutcome;
import io.inferdeck.control.gateway.filter.StreamGuard;
import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.pipeline.PipelineResult;
import io.inferdeck.safety.pipeline.Side;
import java.util.List;

/**
 * One reply text's guard on live traffic. Each delta joins the held text; everything before the held tail
 * ({@link HeldTail}: the trailing run that could still grow into personal data, at most {@link #LOOK_BEHIND}
 * characters) is judged by the window stages together with the last {@link #CONTEXT} released characters (so a
 * blocklisted phrase split across deltas is still found) and released with its PII masked; a PII span that
 * straddles the cut stays held whole. The segment stages judge each {@link #SEGMENT} released characters. A
 * block stops the reply: nothing more is released. Work per delta is bounded by the window, never the whole
 * reply. Confined to one request's thread.
 */
final class LookBehindGuard implements StreamGuard {
    /** Longest held tail: longer than any PII the detector knows (a spaced 19-digit card: 37 characters). */
    static final int LOOK_BEHIND = 64;
    /** Released characters the window stages see again: multi-word blocklist terms span at most this. */
    static final int CONTEXT = 64;
    /** Released characters per segment judgement (the classifier: about a paragraph). */
    static final int SEGMENT = 512;
    /** A longer delta (a whole non-streamed reply) is judged in pieces of this size, within the length cap. */
    static final int PIECE = 4096;

    private final OutputChecks checks;
    private final StringBuilder context = new StringBuilder();
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder segment = new StringBuilder();
    private FilterOutcome outcome = FilterOutcome.PASS;

    LookBehindGuard(OutputChecks checks) {
        this.checks = checks;
    }

    @Override
    public Release accept(String delta) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < delta.length() && !blocked(); i += PIECE) {
            held.append(delta, i, Math.min(delta.length(), i + PIECE));
            int cut = HeldTail.start(held, LOOK_BEHIND);
            out.append(cut == 0 ? "" : release(cut));
        }
        return blocked() ? Release.BLOCKED : Release.of(out.toString());
    }

    @Override
    public Release finish() {
        String tail = blocked() ? "" : release(held.length());
        if (!blocked() && checks.segmentOn() && !segment.isEmpty()) {
            judgeSegment();
        }
        return blocked() ? Release.BLOCKED : Release.of(tail);
    }

    @Override
    public FilterOutcome outcome() {
        return outcome;
    }

    private boolean blocked() {
        return outcome.decision() == FilterDecision.BLOCK;
    }

    /** Releases {@code held[0, cut)} (less a straddling PII span), judged and masked. */
    private String release(int cut) {
        String released;
        if (checks.windowOn()) {
            int from = context.length();
            String window = context.append(held).toString();
            context.setLength(from);
            PipelineResult r = checks.window().filter(window, Side.OUTPUT);
            if (judged(r, false)) {
                return "";
            }
            List<Span> spans = r.verdicts().stream().filter(v -> v.stage().equals(Stage.PII))
                    .flatMap(v -> v.spans().stream()).filter(s -> s.start() >= from).toList();
            int to = MaskedCut.before(spans, from + cut);
            released = MaskedCut.redact(window, spans, from, to);
            if (MaskedCut.masks(spans, from, to)) {
                outcome = outcome.orWorse(LiveReview.maskedBy(r));
            }
            cut = to - from;
        } else {
            released = held.substring(0, cut);
        }
        held.delete(0, cut);
        context.append(released).delete(0, Math.max(0, context.length() - CONTEXT));
        if (checks.segmentOn()) {
            segment.append(released);
            if (segment.length() >= SEGMENT) {
                judgeSegment();
            }
        }
        return released;
    }

    private void judgeSegment() {
        PipelineResult r = checks.segment().filter(segment.toString(), Side.OUTPUT);   // REVIEW is queued by the pipeline
        segment.setLength(0);
        judged(r, true);
    }

    /** Records a BLOCK (queued) or REVIEW result; @return true when the reply is blocked */
    private boolean judged(PipelineResult r, boolean segmentResult) {
        if (r.decision() == Decision.BLOCK) {
            outcome = checks.review().outputBlock(r, segmentResult ? checks.segment() : checks.window());
        } else if (r.decision() == Decision.REVIEW) {
            outcome = outcome.orWorse(LiveReview.outcome(FilterDecision.REVIEW, r));
        }
        return blocked();
    }
}
