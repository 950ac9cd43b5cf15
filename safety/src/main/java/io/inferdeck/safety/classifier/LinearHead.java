package io.inferdeck.safety.classifier;

/**
 * Logistic regression for one category over a sentence embedding: score = σ(w·x + b). {@code threshold}
 * is the calibrated decision point (score ≥ threshold → the category applies).
 */
public record LinearHead(String category, float[] weights, double bias, double threshold) {
    public LinearHead {
        weights = weights.clone();
        if (threshold <= 0 || threshold >= 1) {
            throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
        }
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
