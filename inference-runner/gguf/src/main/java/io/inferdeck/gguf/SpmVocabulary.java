package io.inferdeck.gguf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A deterministic SentencePiece-style vocabulary: {@code <unk> <s> </s>}, two chat-template control
 * tokens, the 256 byte-fallback tokens {@code <0x00>..<0xFF>}, then text pieces (U+2581 marks a leading
 * space, as in SentencePiece) ordered by descending score so llama.cpp's SPM merges prefer them.
 */
public record SpmVocabulary(List<String> tokens, float[] scores, int[] types) {
    public static final int UNK = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    /** llama.cpp token types (llama_token_type). */
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int BYTE = 6;
    static final String SPACE = "\u2581";

    private static final String[] WORDS = ("the of and to in is it that for on with as was at by be this are from or "
            + "an but not have has had you we they he she his her its our their will can do does did model token "
            + "engine memory batch query latency fast slow data system time light river stone cloud green blue red "
            + "number value signal garden window paper market story music water forest city night morning").split(" ");
    private static final String CONSONANTS = "bcdfghjklmnprstvwz";
    private static final String VOWELS = "aeiouy";

    public static SpmVocabulary build(int size) {
        Set<String> pieces = new LinkedHashSet<>();
        pieces.add(SPACE);
        for (char c = 'a'; c <= 'z'; c++) {
            pieces.add(String.valueOf(c));
            pieces.add(SPACE + c);
        }
        for (char c = '!'; c <= '~'; c++) {
            pieces.add(String.valueOf(c));
        }
        for (String w : WORDS) {
            pieces.add(SPACE + w);
        }
        List<String> syllables = new ArrayList<>();
        for (char c : CONSONANTS.toCharArray()) {
            for (char v : VOWELS.toCharArray()) {
                syllables.add("" + c + v);
            }
        }
        syllables.forEach(s -> pieces.add(s));
        syllables.forEach(s -> pieces.add(SPACE + s));
        outer:
        for (String a : syllables) {
            for (String b : syllables) {
                pieces.add(SPACE + a + b);
                pieces.add(a + b);
                if (pieces.size() > size) {
                    break outer;
                }
            }
        }
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"));
        int[] types = new int[size];
        float[] scores = new float[size];
        types[UNK] = UNKNOWN;
        for (int i = 1; i < tokens.size(); i++) {
            types[i] = CONTROL;
        }
        for (int b = 0; b < 256; b++) {
            types[tokens.size()] = BYTE;
            tokens.add(String.format("<0x%02X>", b));
        }
        int rank = 0;
        for (String p : pieces) {
            if (tokens.size() == size) {
                break;
            }
            types[tokens.size()] = NORMAL;
            scores[tokens.size()] = -rank++;
            tokens.add(p);
        }
        if (tokens.size() != size) {
            throw new IllegalArgumentException("vocabulary size " + size + " exceeds the pieces available");
        }
        return new SpmVocabulary(List.copyOf(tokens), scores, types);
    }

    public int size() {
        return tokens.size();
    }

    public boolean isText(int id) {
        return types[id] == NORMAL;
    }
}
