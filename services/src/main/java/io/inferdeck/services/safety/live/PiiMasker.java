package io.inferdeck.services.safety.live;

import io.inferdeck.control.gateway.filter.TextMasker;
import io.inferdeck.safety.Span;
import io.inferdeck.safety.pii.PiiDetector;
import io.inferdeck.safety.pii.PiiFinding;
import java.util.List;

/**
 * The gateway's masker for stored texts (prompt capture) and for prompts longer than the filter's length cap: the
 * PII stage's detector and masks, applied to the whole text. Thread-safe (the detector is).
 */
public final class PiiMasker implements TextMasker {
    private final PiiDetector detector;

    public PiiMasker(PiiDetector detector) {
        this.detector = detector;
    }

    @Override
    public String mask(String text, int keepChars) {
        List<Span> spans = detector.find(text).stream().map(PiiFinding::span).toList();
        int cut = MaskedCut.before(spans, Math.min(keepChars, text.length()));
        return MaskedCut.redact(text, spans, 0, cut);
    }

    /** The whole text, masked. */
    public String mask(String text) {
        return mask(text, text.length());
    }
}
