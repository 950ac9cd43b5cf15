package io.inferdeck.safety.classifier;

/** One training example: a prompt and its label ({@code benign} or a category name). */
public record LabeledText(String text, String label) {
    public static final String BENIGN = "benign";

    public boolean benign() {
        return BENIGN.equals(label);
    }
}
