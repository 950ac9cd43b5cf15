package io.inferdeck.safety.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain-Java training of one logistic-regression head per category (one-vs-rest) over the embedding and, when
 * {@link Options#ngramBits()} is set, the hashed n-grams ({@link NgramHasher}): class-balanced, L2-regularized log
 * loss minimized by {@link Lbfgs}, then threshold calibration on a held-out split: the threshold that maximizes
 * held-out F1. Deterministic for the same input.
 */
public final class HeadTrainer {
    /**
     * @param iterations L-BFGS iterations at most (it stops earlier once the loss stalls)
     * @param l2         L2 penalty on every weight but the bias
     * @param ngramBits  hashed n-gram buckets {@code 2^ngramBits}; 0 = embedding-only heads
     */
    public record Options(int iterations, double l2, int ngramBits) {
        /** Chosen by measurement on the training set's held-out part: docs/safety/evaluation.md. */
        public static final Options DEFAULT = new Options(500, 1e-5, NgramHasher.DEFAULT_BITS);

        public Options {
            if (iterations < 1 || l2 < 0 || ngramBits != 0 && (ngramBits < 8 || ngramBits > 24)) {
                throw new IllegalArgumentException("bad training options " + iterations + "/" + l2 + "/" + ngramBits);
            }
        }

        public Options withIterations(int n) {
            return new Options(n, l2, ngramBits);
        }
    }

    /** One embedded example, its hashed n-grams and its language ({@code en}/{@code zh}/{@code mixed}). */
    public record Example(float[] x, SparseFeatures ngrams, String label, String lang) {
        public Example(float[] x, String label, String lang) {
            this(x, SparseFeatures.EMPTY, label, lang);
        }

        public Example(float[] x, String label) {
            this(x, label, "unknown");
        }

        double score(LinearHead h) {
            return h.score(x, ngrams);
        }
    }

    /** Held-out figures of one head at its calibrated threshold. */
    public record Metrics(String category, int positives, int tp, int fp, int fn, double threshold) {
        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return positives == 0 ? 0 : (double) tp / positives;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    static final double MIN_THRESHOLD = 0.5;
    private final Options options;

    public HeadTrainer(Options options) {
        this.options = options;
    }

    public LinearHead fit(String category, List<Example> train) {
        return fit(category, e -> e.label().equals(category), train);
    }

    /** The gate: every harm category against benign, named {@code name}. */
    public LinearHead fitGate(String name, List<Example> train) {
        return fit(name, e -> !BandCalibration.benign(e), train);
    }

    private LinearHead fit(String category, java.util.function.Predicate<Example> positive, List<Example> train) {
        int n = train.size();
        int dim = train.getFirst().x().length;
        int sparse = options.ngramBits() == 0 ? 0 : 1 << options.ngramBits();
        long pos = train.stream().filter(positive).count();
        if (pos == 0 || pos == n) {
            throw new IllegalArgumentException("category " + category + " needs positive and negative examples");
        }
        double wPos = n / (2.0 * pos);
        double wNeg = n / (2.0 * (n - pos));
        double[] p = new double[dim + sparse + 1]; // [embedding weights | n-gram weights | bias]
        Lbfgs.minimize((w, grad) -> {
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            for (Example e : train) {
                boolean y = positive.test(e);
                double z = w[dim + sparse];
                float[] x = e.x();
                for (int i = 0; i < dim; i++) {
                    z += w[i] * x[i];
                }
                SparseFeatures g = sparse == 0 ? SparseFeatures.EMPTY : e.ngrams();
                for (int k = 0; k < g.size(); k++) {
                    z += w[dim + g.index()[k]] * g.value()[k];
                }
                double a = y ? wPos : wNeg;
                loss += a * (y ? softplus(-z) : softplus(z));
                double err = a * (LinearHead.sigmoid(z) - (y ? 1 : 0)) / n;
                for (int i = 0; i < dim; i++) {
                    grad[i] += err * x[i];
                }
                g.addTo(grad, dim, err);
                grad[dim + sparse] += err;
            }
            double reg = 0;
            for (int i = 0; i < dim + sparse; i++) {
                reg += w[i] * w[i];
                grad[i] += options.l2() * w[i];
            }
            return loss / n + 0.5 * options.l2() * reg;
        }, p, options.iterations());
        // rounded as head.json stores them, so a trained head scores exactly as the file it is written to
        float[] wf = new float[dim];
        for (int i = 0; i < dim; i++) {
            wf[i] = (float) HeadJson.decimal(p[i]);
        }
        float[] vf = new float[sparse];
        for (int i = 0; i < sparse; i++) {
            vf[i] = HalfFloats.rounded(p[dim + i]);
        }
        return new LinearHead(category, wf, vf, p[dim + sparse], 0.5, java.util.OptionalDouble.empty());
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /**
     * The held-out F1-maximizing threshold (ties: the one nearest 0.5), clamped to [0.5, 0.95]. With
     * class-balanced training 0.5 is the natural decision point; the held-out split is small, so
     * calibration may only make a head stricter, never looser (a tiny split once pushed one to 0.2).
     */
    public static Metrics calibrate(LinearHead head, List<Example> heldOut) {
        return calibrate(head.category(), heldOut.stream().mapToDouble(e -> e.score(head)).toArray(), heldOut);
    }

    /** As {@link #calibrate(LinearHead, List)} for scores computed elsewhere ({@code scores[i]} for {@code heldOut[i]}). */
    public static Metrics calibrate(String category, double[] scores, List<Example> heldOut) {
        List<double[]> scored = new ArrayList<>(); // [score, isPositive]
        for (int i = 0; i < scores.length; i++) {
            scored.add(new double[] {scores[i], heldOut.get(i).label().equals(category) ? 1 : 0});
        }
        int positives = (int) scored.stream().filter(s -> s[1] == 1).count();
        if (positives == 0) {
            return evaluate(category, scored, positives, 0.5);
        }
        Metrics best = null;
        for (double[] cand : scored) {
            double t = Math.clamp(cand[0], MIN_THRESHOLD, 0.95);
            Metrics m = evaluate(category, scored, positives, t);
            if (best == null || m.f1() > best.f1() + 1e-12
                    || Math.abs(m.f1() - best.f1()) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best.threshold() - 0.5)) {
                best = m;
            }
        }
        return best;
    }

    static Metrics evaluate(String category, List<double[]> scored, int positives, double t) {
        int tp = 0;
        int fp = 0;
        for (double[] s : scored) {
            if (s[0] >= t) {
                if (s[1] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return new Metrics(category, positives, tp, fp, positives - tp, t);
    }
}
