package io.inferdeck.plugin.api.safety;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage's judgement. {@code rule} names what matched (e.g. {@code regex:card-number}) and {@code category}
 * what kind of harm it is; both end up in reports and the request log, so they must not quote the text.
 * {@code masked}, for REDACT, is the whole {@link StageText#masked()} text with this stage's masks added.
 *
 * @param spans where the matches are in {@link StageText#original()}
 */
public record StageVerdict(Decision decision, String rule, String category, List<TextSpan> spans,
                           Optional<String> masked) {
    public StageVerdict {
        Objects.requireNonNull(decision, "decision");
        spans = spans == null ? List.of() : List.copyOf(spans);
        masked = masked == null ? Optional.empty() : masked;
    }

    public static StageVerdict allow() {
        return new StageVerdict(Decision.ALLOW, null, null, List.of(), Optional.empty());
    }

    public static StageVerdict of(Decision decision, String rule, String category, List<TextSpan> spans) {
        return new StageVerdict(decision, rule, category, spans, Optional.empty());
    }
}
