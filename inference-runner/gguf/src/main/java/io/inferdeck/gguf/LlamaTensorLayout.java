package io.inferdeck.gguf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For the {@code llama} architecture, the tensor table must be exactly what llama.cpp's loader creates
 * from the hyper-parameters (llama-model.cpp, LLM_ARCH_LLAMA): every required tensor present with its
 * shape, nothing unknown. Other architectures are left to llama.cpp's own shape checks, which refuse
 * (their reason comes back through the runner's llama.cpp log) rather than crash.
 */
final class LlamaTensorLayout implements ModelCheck {

    @Override
    public void check(GgufFile g) throws GgufFormatException {
        if (!"llama".equals(g.architecture().orElse(""))) {
            return;
        }
        Map<String, long[]> required = new LinkedHashMap<>();
        Map<String, long[]> optional = new HashMap<>();
        expected(g, required, optional);
        for (String name : required.keySet()) {
            if (g.tensor(name).isEmpty()) {
                throw new GgufFormatException("missing tensor '" + name + "'");
            }
        }
        for (GgufTensorInfo t : g.tensors()) {
            long[] want = required.containsKey(t.name()) ? required.get(t.name()) : optional.get(t.name());
            if (want == null) {
                throw new GgufFormatException("unexpected tensor '" + t.name() + "' for architecture llama");
            }
            if (!Arrays.equals(want, t.dims())) {
                throw new GgufFormatException("tensor '" + t.name() + "' has shape " + Arrays.toString(t.dims())
                        + ", expected " + Arrays.toString(want));
            }
        }
    }

    private static void expected(GgufFile g, Map<String, long[]> required, Map<String, long[]> optional) throws GgufFormatException {
        long embd = g.archInteger("embedding_length").orElseThrow();
        long layers = g.archInteger("block_count").orElseThrow();
        long vocab = g.value("tokenizer.ggml.tokens").orElseThrow().asList().size();
        List<Long> heads = HyperParameters.perLayer(g, "llama.attention.head_count", layers).orElseThrow();
        List<Long> kvHeads = HyperParameters.perLayer(g, "llama.attention.head_count_kv", layers).orElse(heads);
        List<Long> ff = HyperParameters.perLayer(g, "llama.feed_forward_length", layers)
                .orElseThrow(() -> new GgufFormatException("missing metadata 'llama.feed_forward_length'"));
        long headK = g.archInteger("attention.key_length").orElse(embd / heads.getFirst());
        long headV = g.archInteger("attention.value_length").orElse(headK);
        long experts = g.archInteger("expert_count").orElse(0);
        long used = g.archInteger("expert_used_count").orElse(0);
        required.put("token_embd.weight", dims(embd, vocab));
        required.put("output_norm.weight", dims(embd));
        optional.put("output.weight", dims(embd, vocab));
        optional.put("rope_freqs.weight", dims(g.archInteger("rope.dimension_count").orElse(headK) / 2));
        for (int l = 0; l < layers; l++) {
            String p = "blk." + l + ".";
            long q = headK * heads.get(l);
            long k = headK * kvHeads.get(l);
            long v = headV * kvHeads.get(l);
            required.put(p + "attn_norm.weight", dims(embd));
            required.put(p + "attn_q.weight", dims(embd, q));
            required.put(p + "attn_k.weight", dims(embd, k));
            required.put(p + "attn_v.weight", dims(embd, v));
            required.put(p + "attn_output.weight", dims(headV * heads.get(l), embd));
            required.put(p + "ffn_norm.weight", dims(embd));
            optional.put(p + "attn_q.bias", dims(q));
            optional.put(p + "attn_k.bias", dims(k));
            optional.put(p + "attn_v.bias", dims(v));
            optional.put(p + "attn_output.bias", dims(embd));
            long n = ff.get(l);
            if (n <= 0) {
                throw new GgufFormatException("metadata 'llama.feed_forward_length' is " + n + " for layer " + l + ", expected > 0");
            }
            if (experts == 0) {
                required.put(p + "ffn_gate.weight", dims(embd, n));
                required.put(p + "ffn_down.weight", dims(n, embd));
                required.put(p + "ffn_up.weight", dims(embd, n));
            } else {
                long perExpert = n / used;
                required.put(p + "ffn_gate_inp.weight", dims(embd, experts));
                required.put(p + "ffn_gate_exps.weight", dims(embd, perExpert, experts));
                required.put(p + "ffn_down_exps.weight", dims(perExpert, embd, experts));
                required.put(p + "ffn_up_exps.weight", dims(embd, perExpert, experts));
            }
        }
    }

    private static long[] dims(long... d) {
        return d;
    }
}
