package io.inferdeck.safety.pii;

import io.inferdeck.safety.Span;

/**
 * One piece of PII: its kind, where it is in the ORIGINAL text and its masked form. The unmasked
 * value is deliberately not kept, so findings can be logged and stored.
 */
public record PiiFinding(PiiKind kind, Span span, String masked) {
}
