package io.inferdeck.gguf;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The vocabulary and everything indexed by token id must agree: llama.cpp reads scores and token types
 * as raw arrays of the token list's length (a shorter array is read out of bounds), asserts that token
 * texts are unique, and looks up embedding and output rows by token id.
 */
final class VocabularyCheck implements ModelCheck {
    private static final List<String> PER_TOKEN = List.of("tokenizer.ggml.scores", "tokenizer.ggml.token_type");
    private static final List<String> TOKEN_IDS = List.of("tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id",
            "tokenizer.ggml.unknown_token_id", "tokenizer.ggml.seperator_token_id", "tokenizer.ggml.padding_token_id");

    @Override
    public void check(GgufFile g) throws GgufFormatException {
        List<?> tokens = g.value("tokenizer.ggml.tokens").map(GgufValue::asList)
                .orElseThrow(() -> new GgufFormatException("missing metadata 'tokenizer.ggml.tokens' (no vocabulary)"));
        int n = tokens.size();
        if (n == 0) {
            throw new GgufFormatException("metadata 'tokenizer.ggml.tokens' is empty (no vocabulary)");
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!seen.add(tokens.get(i))) {
                throw new GgufFormatException("metadata 'tokenizer.ggml.tokens' repeats token '" + printable(tokens.get(i)) + "' at id " + i);
            }
        }
        for (String key : PER_TOKEN) {
            int size = g.value(key).map(v -> v.asList().size()).orElse(n);
            if (size != n) {
                throw new GgufFormatException("metadata '" + key + "' has " + size + " entries for " + n + " tokens");
            }
        }
        String a = g.architecture().orElseThrow() + ".";
        long declared = g.integer(a + "vocab_size").orElse(n);
        if (declared != n) {
            throw new GgufFormatException("metadata '" + a + "vocab_size' is " + declared + " but 'tokenizer.ggml.tokens' has " + n);
        }
        for (String key : TOKEN_IDS) {
            long id = g.integer(key).orElse(0);
            if (id >= n) {
                throw new GgufFormatException("metadata '" + key + "' is " + id + ", outside the " + n + "-token vocabulary");
            }
        }
        long embd = g.integer(a + "embedding_length").orElseThrow();
        rows(g, "token_embd.weight", embd, n, true);
        rows(g, "output.weight", embd, n, false);
    }

    private static void rows(GgufFile g, String name, long embd, long n, boolean required) throws GgufFormatException {
        var t = g.tensor(name);
        if (t.isEmpty()) {
            if (required) {
                throw new GgufFormatException("missing tensor '" + name + "'");
            }
            return;
        }
        long[] d = t.get().dims();
        if (d.length != 2 || d[0] != embd || d[1] != n) {
            throw new GgufFormatException("tensor '" + name + "' has shape " + java.util.Arrays.toString(d)
                    + ", expected [" + embd + ", " + n + "] (embedding x vocabulary)");
        }
    }

    private static String printable(Object token) {
        String s = String.valueOf(token).replaceAll("\\p{Cntrl}", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
