package io.inferdeck.safety.normalize;

/**
 * Unicode and obfuscation normalization for Chinese and English text, keeping an offset map back to
 * the original. Passes, in order:
 * <ol>
 * <li>per grapheme-ish segment (a code point plus following combining marks): NFKC — which also turns
 *     full-width ASCII and the ideographic space into their half-width forms — then simple case folding;
 *     zero-width and format characters are dropped;</li>
 * <li>spaced letters ("k i l l", "b.o.m.b") collapsed when at least three single-char tokens in a row;</li>
 * <li>separators between Han characters removed ("炸 弹" → "炸弹");</li>
 * <li>leetspeak digits/symbols inside tokens that also hold a letter ("k1ll" → "kill"; "2024" untouched).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class Normalizer {
    private final NormalizerOptions options;

    public Normalizer(NormalizerOptions options) {
        this.options = options;
    }

    public NormalizerOptions options() {
        return options;
    }

    public NormalizedText normalize(String original) {
        MappedBuffer b = UnicodePass.apply(original, options);
        if (options.collapseSpacedLetters()) {
            ObfuscationPasses.collapseSpacedLetters(b);
        }
        if (options.joinSpacedCjk()) {
            ObfuscationPasses.joinSpacedHan(b);
        }
        if (options.leetspeak()) {
            ObfuscationPasses.deLeet(b);
        }
        return b.toText(original);
    }
}
