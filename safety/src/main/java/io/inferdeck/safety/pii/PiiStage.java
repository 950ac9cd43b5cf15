package io.inferdeck.safety.pii;

import io.inferdeck.safety.Decision;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.Stage;
import io.inferdeck.safety.Verdict;
import java.util.List;

/** The PII stage: REDACT with one span per finding (label = kind, replacement = mask), else ALLOW. */
public final class PiiStage {
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
