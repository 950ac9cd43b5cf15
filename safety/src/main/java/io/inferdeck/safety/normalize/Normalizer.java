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
 * {@link #normalize} runs all of them in one pass ({@link FastPass}); {@link #reference} runs them one after the other
 * over the whole text and is the definition the single pass must match. Stateless and thread-safe.
 */
public final class Normalizer {
    private final NormalizerOptions options;
    private final Windows windows;

    public Normalizer(NormalizerOptions options) {
        this.options = options;
        this.windows = new Windows(options);
    }

    public NormalizerOptions options() {
        return options;
    }

    public NormalizedText normalize(String original) {
        return new FastPass(windows, original).run();
    }

    /** The passes one after the other over the whole text: slower, same result as {@link #normalize}. */
    NormalizedText reference(String original) {
        return windows.reference(original, 0, original.length()).toText(original);
    }
}
