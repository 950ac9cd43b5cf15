package io.inferdeck.safety;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One stage's judgement of a text. Rule-based stages fill {@code rule} (e.g. {@code blocklist:weapons.txt},
 * {@code pii:cn_id}); the classifier fills {@code score} (0..1). Immutable and free of the judged text,
 * so it can be logged, stored and shown as is.
 */
public record Verdict(Decision decision, Stage stage, String rule, OptionalDouble score, String category,
                      List<Span> spans) {
    public Verdict {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(stage, "stage");
        score = score == null ? OptionalDouble.empty() : score;
        spans = spans == null ? List.of() : List.copyOf(spans);
    }

    public static Verdict allow(Stage stage) {
        return new Verdict(Decision.ALLOW, stage, null, OptionalDouble.empty(), null, List.of());
    }

    public static Verdict byRule(Decision d, Stage stage, String rule, String category, List<Span> spans) {
        return new Verdict(d, stage, rule, OptionalDouble.empty(), category, spans);
    }

    public static Verdict byScore(Decision d, Stage stage, double score, String category) {
        return new Verdict(d, stage, null, OptionalDouble.of(score), category, List.of());
    }

    /** "rule" or "score=0.873" — the one-line reason shown in tables. */
    public String reason() {
        if (rule != null) {
            return rule;
        }
        return score.isPresent() ? String.format(java.util.Locale.ROOT, "score=%.3f", score.getAsDouble()) : "";
    }
}
