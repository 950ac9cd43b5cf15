package io.inferdeck.safety.classifier;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Tokenizes one text, feeds input_ids / attention_mask / token_type_ids (int64, batch of one) and turns
 * the token embeddings into one sentence vector: mean over attended tokens (or the CLS token's vector, for
 * models trained that way), then L2-normalized.
 */
final class MeanPoolTranslator implements NoBatchifyTranslator<String, float[]> {
    private final HuggingFaceTokenizer tokenizer;
    private final OnnxModel.Pooling pooling;

    MeanPoolTranslator(HuggingFaceTokenizer tokenizer, OnnxModel.Pooling pooling) {
        this.tokenizer = tokenizer;
        this.pooling = pooling;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String input) {
        Encoding enc = tokenizer.encode(input);
        NDManager m = ctx.getNDManager();
        long[] mask = enc.getAttentionMask();
        ctx.setAttachment("mask", mask);
        NDArray ids = m.create(enc.getIds()).expandDims(0);
        ids.setName("input_ids");
        NDArray att = m.create(mask).expandDims(0);
        att.setName("attention_mask");
        NDArray types = m.create(enc.getTypeIds()).expandDims(0);
        types.setName("token_type_ids");
        return new NDList(ids, att, types);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        NDArray hidden = list.get(0); // [1, tokens, dim]
        long[] mask = (long[]) ctx.getAttachment("mask");
        long[] shape = hidden.getShape().getShape();
        int tokens = (int) shape[1];
        int dim = (int) shape[2];
        float[] flat = hidden.toFloatArray();
        if (pooling == OnnxModel.Pooling.CLS) {
            return meanPoolNormalize(flat, new long[] {1}, 1, dim); // row 0 alone, normalized
        }
        return meanPoolNormalize(flat, mask, tokens, dim);
    }

    /** Mean of the rows whose mask is 1, scaled to unit length. Package-visible for tests. */
    static float[] meanPoolNormalize(float[] flat, long[] mask, int tokens, int dim) {
        double[] sum = new double[dim];
        int used = 0;
        for (int t = 0; t < tokens; t++) {
            if (t < mask.length && mask[t] == 0) {
                continue;
            }
            used++;
            for (int d = 0; d < dim; d++) {
                sum[d] += flat[t * dim + d];
            }
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            sum[d] /= Math.max(1, used);
            norm += sum[d] * sum[d];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = norm == 0 ? 0f : (float) (sum[d] / norm);
        }
        return out;
    }
}
