package io.inferdeck.safety.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain-Java training of one logistic-regression head per category (one-vs-rest) by full-batch
 * gradient descent on class-balanced, L2-regularized log loss, then threshold calibration on a
 * held-out split: the threshold that maximizes held-out F1. Deterministic for the same input.
 */
public final class HeadTrainer {
    public record Options(int epochs, double learningRate, double l2) {
        public static final Options DEFAULT = new Options(3000, 4.0, 1e-4);
    }

    /** One embedded example and its language ({@code en}/{@code zh}/{@code mixed}). */
    public record Example(float[] x, String label, String lang) {
        public Example(float[] x, String label) {
            this(x, label, "unknown");
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
        int n = train.size();
        int dim = train.getFirst().x().length;
        long pos = train.stream().filter(e -> e.label().equals(category)).count();
        if (pos == 0 || pos == n) {
            throw new IllegalArgumentException("category " + category + " needs positive and negative examples");
        }
        double wPos = n / (2.0 * pos);
        double wNeg = n / (2.0 * (n - pos));
        double[] w = new double[dim];
        double b = 0;
        double[] grad = new double[dim];
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            java.util.Arrays.fill(grad, 0);
            double gb = 0;
            for (Example e : train) {
                boolean y = e.label().equals(category);
                double z = b;
                for (int i = 0; i < dim; i++) {
                    z += w[i] * e.x()[i];
                }
                double err = (LinearHead.sigmoid(z) - (y ? 1 : 0)) * (y ? wPos : wNeg);
                for (int i = 0; i < dim; i++) {
                    grad[i] += err * e.x()[i];
                }
                gb += err;
            }
            for (int i = 0; i < dim; i++) {
                w[i] -= options.learningRate() * (grad[i] / n + options.l2() * w[i]);
            }
            b -= options.learningRate() * gb / n;
        }
        float[] wf = new float[dim];
        for (int i = 0; i < dim; i++) {
            wf[i] = (float) w[i];
        }
        return new LinearHead(category, wf, b, 0.5);
    }

    /**
     * The held-out F1-maximizing threshold (ties: the one nearest 0.5), clamped to [0.5, 0.95]. With
     * class-balanced training 0.5 is the natural decision point; the held-out split is small, so
     * calibration may only make a head stricter, never looser (a tiny split once pushed one to 0.2).
     */
    public static Metrics calibrate(LinearHead head, List<Example> heldOut) {
        List<double[]> scored = new ArrayList<>(); // [score, isPositive]
        for (Example e : heldOut) {
            scored.add(new double[] {head.score(e.x()), e.label().equals(head.category()) ? 1 : 0});
        }
        int positives = (int) scored.stream().filter(s -> s[1] == 1).count();
        if (positives == 0) {
            return evaluate(head.category(), scored, positives, 0.5);
        }
        Metrics best = null;
        for (double[] cand : scored) {
            double t = Math.clamp(cand[0], MIN_THRESHOLD, 0.95);
            Metrics m = evaluate(head.category(), scored, positives, t);
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
