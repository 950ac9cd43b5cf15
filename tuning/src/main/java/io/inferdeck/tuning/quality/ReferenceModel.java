package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgufFormatException;
import io.inferdeck.gguf.GgufReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * InferDeck's own forward pass of a llama-architecture GGUF: every weight dequantized to F32, plain F32
 * math (token embedding → per layer RMSNorm, Q/K/V, RoPE, causal GQA attention, output projection,
 * residual, RMSNorm, SwiGLU feed-forward, residual → final RMSNorm → output projection). It gives the
 * per-position next-token logits the runner's JNI binding does not expose.
 *
 * <p>What it does NOT model: llama.cpp also rounds activations to Q8 (quantized weights) or F16 (F16 weights)
 * inside its matrix products, and keeps the KV cache in F16; the reference keeps F32 throughout, so it
 * measures the loss due to quantized WEIGHTS. The test suite checks its greedy continuation against the
 * runner's. Immutable and thread-safe; each {@link Sequence} belongs to one thread.
 */
public final class ReferenceModel {
    private final LlamaWeights w;

    private ReferenceModel(LlamaWeights w) {
        this.w = w;
    }

    /** Reads, validates and dequantizes {@code gguf}. Refuses (never half-runs) anything but plain llama. */
    public static ReferenceModel load(Path gguf) throws IOException, GgufFormatException, ReferenceModelException {
        var file = GgufReader.read(gguf);
        return new ReferenceModel(LlamaWeights.load(file, LlamaConfig.of(file)));
    }

    public LlamaConfig config() {
        return w.config;
    }

    /** A fresh sequence (empty KV cache) for up to {@code capacity} tokens. */
    public Sequence sequence(int capacity) {
        return new Sequence(new AttentionCache(w.config, capacity));
    }

    /** {@code logits[i]} predicts {@code tokens[i + 1]}; one row per input token. */
    public float[][] logits(int[] tokens) {
        Sequence s = sequence(tokens.length);
        float[][] out = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = s.next(tokens[i]);
        }
        return out;
    }

    /** Argmax continuation of {@code prompt}, {@code n} tokens (what a temperature-0 engine generates). */
    public int[] greedy(int[] prompt, int n) {
        Sequence s = sequence(prompt.length + n);
        float[] last = null;
        for (int t : prompt) {
            last = s.next(t);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Tensors.argmax(last);
            if (i + 1 < n) {
                last = s.next(out[i]);
            }
        }
        return out;
    }

    /** One growing token sequence. Not thread-safe. */
    public final class Sequence {
        private final AttentionCache cache;
        private int pos;

        private Sequence(AttentionCache cache) {
            this.cache = cache;
        }

        /** Feeds {@code token} at the next position; returns the logits (length vocab) for the token after it. */
        public float[] next(int token) {
            LlamaConfig c = w.config;
            if (token < 0 || token >= c.vocabSize()) {
                throw new IllegalArgumentException("token id " + token + " outside the vocabulary (0.." + (c.vocabSize() - 1) + ")");
            }
            if (pos >= cache.capacity()) {
                throw new IllegalStateException("sequence is full (" + cache.capacity() + " tokens)");
            }
            int e = c.embedding();
            float[] x = new float[e];
            System.arraycopy(w.tokenEmbedding, token * e, x, 0, e);
            float[] h = new float[e];
            float[] q = new float[e];
            float[] k = new float[c.kvDim()];
            float[] v = new float[c.kvDim()];
            float[] att = new float[e];
            float[] proj = new float[e];
            float[] gate = new float[c.feedForward()];
            float[] up = new float[c.feedForward()];
            for (int l = 0; l < c.layers(); l++) {
                LlamaWeights.Layer L = w.layers[l];
                Tensors.rmsNorm(x, L.attnNorm(), c.rmsEps(), h);
                Tensors.matVec(L.wq(), h, q);
                Tensors.matVec(L.wk(), h, k);
                Tensors.matVec(L.wv(), h, v);
                cache.rope(q, c.heads(), pos);
                cache.rope(k, c.kvHeads(), pos);
                cache.attend(l, pos, q, k, v, att);
                Tensors.matVec(L.wo(), att, proj);
                add(x, proj);
                Tensors.rmsNorm(x, L.ffnNorm(), c.rmsEps(), h);
                Tensors.matVec(L.gate(), h, gate);
                Tensors.matVec(L.up(), h, up);
                for (int i = 0; i < gate.length; i++) {
                    gate[i] = Tensors.silu(gate[i]) * up[i];
                }
                Tensors.matVec(L.down(), gate, proj);
                add(x, proj);
            }
            Tensors.rmsNorm(x, w.outputNorm, c.rmsEps(), h);
            float[] logits = new float[c.vocabSize()];
            Tensors.matVec(w.output, h, logits);
            pos++;
            return logits;
        }

        private static void add(float[] x, float[] y) {
            for (int i = 0; i < x.length; i++) {
                x[i] += y[i];
            }
        }
    }
}
