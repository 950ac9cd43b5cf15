package io.inferdeck.plugin.api.safety;

/**
 * A match in the original text: {@code [start, end)} in UTF-16 chars, and a label (e.g. the rule's name)
 * that says what matched without quoting it.
 */
public record TextSpan(int start, int end, String label) {
    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
