package io.inferdeck.safety.normalize;

/**
 * Which normalizations run. {@link #LEXICAL} (everything) feeds the blocklist and the classifier;
 * {@link #LIGHT} (NFKC + zero-width removal only) feeds PII detection, where case, digits and spacing
 * must survive (a leetspeak pass would turn a phone number into letters).
 */
public record NormalizerOptions(boolean nfkc, boolean caseFold, boolean removeZeroWidth,
                                boolean collapseSpacedLetters, boolean leetspeak, boolean joinSpacedCjk) {
    public static final NormalizerOptions LEXICAL = new NormalizerOptions(true, true, true, true, true, true);
    public static final NormalizerOptions LIGHT = new NormalizerOptions(true, false, true, false, false, false);
    public static final NormalizerOptions NONE = new NormalizerOptions(false, false, false, false, false, false);
}
