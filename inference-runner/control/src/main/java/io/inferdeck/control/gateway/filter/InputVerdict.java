package io.inferdeck.control.gateway.filter;

import java.util.List;
import java.util.Objects;

/**
 * The input side's answer for one request: the decision and, one for one with the texts it was given, the texts
 * to forward (personal data masked; equal to the given ones when nothing was masked). Immutable.
 */
public record InputVerdict(FilterOutcome outcome, List<String> texts) {
    public InputVerdict {
        Objects.requireNonNull(outcome, "outcome");
        texts = List.copyOf(texts);
    }
}
