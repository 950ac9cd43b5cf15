package io.inferdeck.tuning.quality;

import io.inferdeck.gguf.GgufFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

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
        return evaluate(reference, variants, tokens, null, 0, progress);
    }

    /**
     * As above, and each variant's greedy (argmax) continuation of {@code greedyPrompt}, {@code greedyTokens}
     * long, for comparison with what the engine generates at temperature 0 ({@code greedyPrompt} null = skip).
     */
    public static List<VariantQuality> evaluate(Path reference, Map<String, Path> variants, int[] tokens, int[] greedyPrompt,
                                                int greedyTokens, Progress progress)
            throws IOException, GgufFormatException, ReferenceModelException {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("the text sample must give at least 2 tokens, got " + tokens.length);
        }
        int n = tokens.length - 1;
        double[][] refLogProbs = new double[n][];
        ReferenceModel refModel = ReferenceModel.load(reference);
        for (int t : greedyPrompt == null ? tokens : IntStream.concat(IntStream.of(tokens), IntStream.of(greedyPrompt)).toArray()) {
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
        List<Integer> refGreedy = greedy(refModel, greedyPrompt, greedyTokens);
        seq = null; // let the reference's weights go before the next variant loads
        refModel = null;
        List<VariantQuality> out = new ArrayList<>();
        for (Map.Entry<String, Path> v : new LinkedHashMap<>(variants).entrySet()) {
            if (Files.isSameFile(v.getValue(), reference)) {
                out.add(new VariantQuality(v.getKey(), 0, Math.exp(refNll / n), n, refGreedy)); // the reference itself
                continue;
            }
            ReferenceModel model = ReferenceModel.load(v.getValue());
            ReferenceModel.Sequence s = model.sequence(n);
            double kl = 0;
            double nll = 0;
            for (int i = 0; i < n; i++) {
                double[] lq = Tensors.logSoftmax(s.next(tokens[i]));
                kl += klDivergence(refLogProbs[i], lq);
                nll -= lq[tokens[i + 1]];
                progress.update(v.getKey(), i + 1, n);
            }
            out.add(new VariantQuality(v.getKey(), kl / n, Math.exp(nll / n), n, greedy(model, greedyPrompt, greedyTokens)));
        }
        return List.copyOf(out);
    }

    private static List<Integer> greedy(ReferenceModel m, int[] prompt, int n) {
        return prompt == null || n == 0 ? List.of() : IntStream.of(m.greedy(prompt, n)).boxed().toList();
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
