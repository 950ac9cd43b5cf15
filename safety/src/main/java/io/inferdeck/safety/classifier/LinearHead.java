package io.inferdeck.safety.classifier;

import java.util.OptionalDouble;

/**
 * Logistic regression for one category: score = σ(w·x + v·g + b) over a sentence embedding {@code x} and, when the
 * head has n-gram weights {@code v}, the text's hashed n-grams {@code g} ({@link NgramHasher}; an empty {@code v}
 * means an embedding-only head). {@code threshold} is the calibrated decision point (score ≥ threshold → the
 * category applies, BLOCK); {@code reviewThreshold}, when calibrated, is the bottom of the review band
 * (threshold > score ≥ reviewThreshold → REVIEW). Heads without one (trained before calibration existed) leave the
 * band to the stage's review margin.
 */
public record LinearHead(String category, float[] weights, float[] ngramWeights, double bias, double threshold,
                         OptionalDouble reviewThreshold) {
    public LinearHead {
        weights = weights.clone();
        ngramWeights = ngramWeights.clone();
        if (threshold <= 0 || threshold >= 1) {
            throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
        }
        if (reviewThreshold.isPresent() && (reviewThreshold.getAsDouble() <= 0 || reviewThreshold.getAsDouble() > threshold)) {
            throw new IllegalArgumentException("review threshold must be in (0, threshold]: " + reviewThreshold);
        }
    }

    /** An embedding-only head. */
    public LinearHead(String category, float[] weights, double bias, double threshold, OptionalDouble reviewThreshold) {
        this(category, weights, new float[0], bias, threshold, reviewThreshold);
    }

    /** An embedding-only head without a calibrated review band. */
    public LinearHead(String category, float[] weights, double bias, double threshold) {
        this(category, weights, bias, threshold, OptionalDouble.empty());
    }

    /** The same weights with another block threshold and review band. */
    public LinearHead withBands(double newThreshold, OptionalDouble newReview) {
        return new LinearHead(category, weights, ngramWeights, bias, newThreshold, newReview);
    }

    /** Bottom of the review band: the calibrated one, else {@code threshold - margin}. */
    public double reviewFrom(double margin) {
        return reviewThreshold.orElse(threshold - margin);
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public float[] ngramWeights() {
        return ngramWeights.clone();
    }

    public boolean usesNgrams() {
        return ngramWeights.length > 0;
    }

    /** Number of n-gram buckets the head reads (0: embedding only), without copying the weights. */
    public int ngramDims() {
        return ngramWeights.length;
    }

    /** Score of an embedding alone (an embedding-only head, or n-grams absent). */
    public double score(float[] x) {
        return score(x, SparseFeatures.EMPTY);
    }

    public double score(float[] x, SparseFeatures ngrams) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("embedding has " + x.length + " dims, head expects " + weights.length);
        }
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        if (usesNgrams()) {
            z += ngrams.dot(ngramWeights);
        }
        return sigmoid(z);
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
