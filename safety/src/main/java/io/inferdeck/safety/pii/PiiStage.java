package io.inferdeck.safety.pii;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import io.inferdeck.safety.pipeline.FilterStage;
import io.inferdeck.safety.pipeline.StageInput;
import io.inferdeck.safety.pipeline.StageOutcome;
import java.util.List;

/**
 * The PII stage: REDACT with one span per finding (label = kind, replacement = mask), else ALLOW; the
 * masked text becomes the pipeline's safe text. It reads the ORIGINAL text (not a normalized or already
 * masked one), so its spans and masks line up with what the user wrote; a stage that masks before it
 * would have its masks replaced. Its detected kinds and mask settings go into the config hash. Thread-safe.
 */
public final class PiiStage implements FilterStage {
    public static final int ORDER = 300;

    private final PiiDetector detector;

    public PiiStage(PiiDetector detector) {
        this.detector = detector;
    }

    public PiiDetector detector() {
        return detector;
    }

    /** The verdict and the text with every finding masked. */
    public record Result(Verdict verdict, String redacted) {
        @Override
        public String toString() {
            return "PiiStage.Result[" + verdict + "]";
        }
    }

    @Override
    public Stage id() {
        return Stage.PII;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public StageOutcome apply(StageInput in) {
        Result r = apply(in.original());
        return StageOutcome.masked(r.verdict(), r.redacted());
    }

    @Override
    public String configFingerprint() {
        return "|pii=" + detector.kinds() + detector.masks().describe();
    }

    public Result apply(String original) {
        List<PiiFinding> found = detector.find(original);
        if (found.isEmpty()) {
            return new Result(Verdict.allow(Stage.PII), original);
        }
        List<Span> spans = found.stream().map(PiiFinding::span).toList();
        String kinds = found.stream().map(PiiFinding::kind).distinct().sorted()
                .map(PiiKind::wire).reduce((a, b) -> a + "," + b).orElse("");
        Verdict v = Verdict.byRule(Decision.REDACT, Stage.PII, "pii:" + kinds, "pii", spans);
        return new Result(v, PiiDetector.redact(original, spans));
    }
}
