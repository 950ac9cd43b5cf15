package io.inferdeck.safety.classifier;

import java.util.OptionalDouble;

/**
 * Logistic regression for one category over a sentence embedding: score = σ(w·x + b). {@code threshold}
 * is the calibrated decision point (score ≥ threshold → the category applies, BLOCK); {@code reviewThreshold},
 * when calibrated, is the bottom of the review band (threshold > score ≥ reviewThreshold → REVIEW). Heads
 * without one (trained before calibration existed) leave the band to the stage's review margin.
 */
public record LinearHead(String category, float[] weights, double bias, double threshold, OptionalDouble reviewThreshold) {
    public LinearHead {
        weights = weights.clone();
        if (threshold <= 0 || threshold >= 1) {
            throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
        }
        if (reviewThreshold.isPresent() && (reviewThreshold.getAsDouble() <= 0 || reviewThreshold.getAsDouble() > threshold)) {
            throw new IllegalArgumentException("review threshold must be in (0, threshold]: " + reviewThreshold);
        }
    }

    /** A head without a calibrated review band. */
    public LinearHead(String category, float[] weights, double bias, double threshold) {
        this(category, weights, bias, threshold, OptionalDouble.empty());
    }

    /** Bottom of the review band: the calibrated one, else {@code threshold - margin}. */
    public double reviewFrom(double margin) {
        return reviewThreshold.orElse(threshold - margin);
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    public double score(float[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("embedding has " + x.length + " dims, head expects " + weights.length);
        }
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return sigmoid(z);
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
