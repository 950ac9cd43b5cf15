package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares, per variant, the engine's temperature-0 tokens (streamed text pieces) with the reference forward
 * pass's argmax tokens on the same weights, mapped to text through the model's vocabulary. The number of
 * leading tokens that agree is the report's evidence that the reference computes what llama.cpp computes
 * (llama.cpp's Q8 activation rounding in quantized matmuls can make near-ties flip). Immutable.
 */
final class GreedyAgreement {
    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x([0-9A-Fa-f]{2})>");

    private final List<?> vocabulary;
    private final Map<String, List<String>> enginePieces;

    GreedyAgreement(Path model, Map<String, List<String>> enginePieces) throws GgufFormatException {
        this.vocabulary = GgufReader.read(model).value("tokenizer.ggml.tokens").map(v -> v.asList()).orElse(List.of());
        this.enginePieces = Map.copyOf(enginePieces);
    }

    /** {matched leading tokens, tokens compared}; {0, 0} when either side is missing. */
    int[] of(String variant, List<Integer> referenceIds) {
        List<String> engine = enginePieces.getOrDefault(variant, List.of());
        int compared = Math.min(engine.size(), referenceIds.size());
        if (vocabulary.isEmpty()) {
            return new int[] {0, 0};
        }
        int matched = 0;
        while (matched < compared && piece(referenceIds.get(matched)).equals(engine.get(matched))) {
            matched++;
        }
        return new int[] {matched, compared};
    }

    /** The text llama.cpp streams for a token of a SentencePiece vocabulary: ▁ is a space, byte tokens their byte. */
    String piece(int id) {
        if (id < 0 || id >= vocabulary.size()) {
            return "\uFFFD";
        }
        String t = String.valueOf(vocabulary.get(id));
        Matcher m = BYTE_TOKEN.matcher(t);
        if (m.matches()) {
            int b = Integer.parseInt(m.group(1), 16);
            return b < 0x80 ? String.valueOf((char) b) : "\uFFFD";
        }
        return t.replace('\u2581', ' ');
    }
}
