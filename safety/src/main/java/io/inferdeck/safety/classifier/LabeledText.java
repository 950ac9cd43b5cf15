package io.inferdeck.safety.classifier;

import io.inferdeck.safety.Lang;

/**
 * One training example: a prompt, its label ({@code benign} or a category name) and its language
 * ({@code en}/{@code zh}/{@code mixed}: the data's {@code lang} field, else detected by script).
 */
public record LabeledText(String text, String label, String lang) {
    public static final String BENIGN = "benign";

    public LabeledText {
        lang = lang == null || lang.isBlank() ? Lang.detect(text) : lang.strip();
    }

    /** An example whose language is detected from its script. */
    public LabeledText(String text, String label) {
        this(text, label, null);
    }

    public boolean benign() {
        return BENIGN.equals(label);
    }
}
