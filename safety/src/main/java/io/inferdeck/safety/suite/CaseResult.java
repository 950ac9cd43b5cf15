package io.inferdeck.safety.suite;

import io.inferdeck.safety.Decision;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one case. Texts are PII-masked ({@code safePrompt}, {@code safeReply}); {@code stopped}
 * is true when the filter did not let the text through (BLOCK or REVIEW) on either side. Latencies are
 * per stage in nanoseconds, keyed "input.blocklist", "model", "output.pii", etc. {@code lang} is the case's
 * language (null in reports stored before it existed). {@code scores}: the classifier's score per category head
 * for the prompt (input side), the data of the report's precision–recall curves; empty when no classifier
 * scored the case (switched off, unavailable, or a report stored before scores were kept). Immutable.
 */
public record CaseResult(int line, String id, String category, String lang, Decision expected, Decision actual, boolean stopped,
                         String actualCategory, String stage, String reason, List<String> redacted,
                         boolean redactionsOk, String safePrompt, String safeReply, Map<String, Long> nanos,
                         String error, Map<String, Double> scores) {
    public CaseResult {
        redacted = List.copyOf(redacted);
        nanos = Map.copyOf(nanos);
        scores = scores == null ? Map.of() : Map.copyOf(scores);
    }

    /** Without classifier scores. */
    public CaseResult(int line, String id, String category, String lang, Decision expected, Decision actual,
                      boolean stopped, String actualCategory, String stage, String reason, List<String> redacted,
                      boolean redactionsOk, String safePrompt, String safeReply, Map<String, Long> nanos, String error) {
        this(line, id, category, lang, expected, actual, stopped, actualCategory, stage, reason, redacted, redactionsOk,
                safePrompt, safeReply, nanos, error, Map.of());
    }

    public boolean passed() {
        return error == null && (expected == Decision.BLOCK) == stopped && redactionsOk;
    }
}
