package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgufFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures quantization loss with {@link ReferenceModel}: the reference variant's next-token distribution at
 * every position of a token sequence, against each other variant's. Per variant: mean KL(P_ref ‖ P_variant)
 * in nats and perplexity on the sequence. Variants are loaded one at a time (one model's F32 weights in
 * memory, plus the reference's log-probabilities: positions × vocab doubles). Blocking; call off the FX thread.
 */
public final class QualityEvaluator {
    /** Called on the evaluating thread after each position of each variant; must be cheap. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (variant, done, total) -> { };

        void update(String variant, int positionsDone, int positionsTotal);
    }

    private QualityEvaluator() {
    }

    /**
     * @param reference the highest-precision file (its own row gets KL 0)
     * @param variants  name → file, evaluated in this order; the reference may be among them
     * @param tokens    the sample as the engine tokenizes it (BOS included); at least 2 tokens
     */
    public static List<VariantQuality> evaluate(Path reference, Map<String, Path> variants, int[] tokens, Progress progress)
            throws IOException, GgufFormatException, ReferenceModelException {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("the text sample must give at least 2 tokens, got " + tokens.length);
        }
        int n = tokens.length - 1;
        double[][] refLogProbs = new double[n][];
        ReferenceModel refModel = ReferenceModel.load(reference);
        for (int t : tokens) {
            if (t < 0 || t >= refModel.config().vocabSize()) {
                throw new IllegalArgumentException("token id " + t + " is outside the reference's vocabulary (0.."
                        + (refModel.config().vocabSize() - 1) + ")");
            }
        }
        ReferenceModel.Sequence seq = refModel.sequence(n);
        double refNll = 0;
        for (int i = 0; i < n; i++) {
            refLogProbs[i] = Tensors.logSoftmax(seq.next(tokens[i]));
            refNll -= refLogProbs[i][tokens[i + 1]];
            progress.update("reference", i + 1, n);
        }
        seq = null; // let the reference's weights go before the next variant loads
        refModel = null;
        List<VariantQuality> out = new ArrayList<>();
        for (Map.Entry<String, Path> v : new LinkedHashMap<>(variants).entrySet()) {
            if (Files.isSameFile(v.getValue(), reference)) {
                out.add(new VariantQuality(v.getKey(), 0, Math.exp(refNll / n), n)); // the reference itself
                continue;
            }
            ReferenceModel.Sequence s = ReferenceModel.load(v.getValue()).sequence(n);
            double kl = 0;
            double nll = 0;
            for (int i = 0; i < n; i++) {
                double[] lq = Tensors.logSoftmax(s.next(tokens[i]));
                kl += klDivergence(refLogProbs[i], lq);
                nll -= lq[tokens[i + 1]];
                progress.update(v.getKey(), i + 1, n);
            }
            out.add(new VariantQuality(v.getKey(), kl / n, Math.exp(nll / n), n));
        }
        return List.copyOf(out);
    }

    /** KL(P ‖ Q) in nats from natural-log probabilities; terms with P = 0 contribute nothing. */
    static double klDivergence(double[] logP, double[] logQ) {
        double kl = 0;
        for (int i = 0; i < logP.length; i++) {
            double p = Math.exp(logP[i]);
            if (p > 0) {
                kl += p * (logP[i] - logQ[i]);
            }
        }
        return kl;
    }
}
