package io.inferdeck.control.gateway;

import io.inferdeck.control.gateway.filter.TextMasker;

/**
 * Prompt or completion text kept in the request log when capture is on: at most {@link #MAX_CHARS} characters
 * (then an ellipsis), masked by the {@link TextMasker} before it is kept. It reads {@link #MARGIN} characters past
 * the cut so that personal data straddling it is recognised and left out rather than kept half unmasked.
 * Confined to the request's thread.
 */
final class CaptureText {
    /** 4 KiB of characters: enough to recognise a request in the Traffic page, bounded for a 2,000-entry log. */
    static final int MAX_CHARS = 4096;
    /** Longer than any kind of personal data the masks know (a spaced card number: 37 characters). */
    static final int MARGIN = 64;

    private final StringBuilder text = new StringBuilder();
    private boolean over;

    void append(String s) {
        int room = MAX_CHARS + MARGIN - text.length();
        if (s.length() > room) {
            text.append(s, 0, Math.max(0, room));
            over = true;
        } else {
            text.append(s);
        }
        over |= text.length() > MAX_CHARS;
    }

    String masked(TextMasker masker) {
        String kept = masker.mask(text.toString(), MAX_CHARS);
        return over ? kept + "…" : kept;
    }
}
