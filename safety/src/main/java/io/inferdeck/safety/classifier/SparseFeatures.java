package io.inferdeck.safety.classifier;

import java.util.Arrays;

/**
 * A sparse feature vector: strictly ascending indices and their values (same length). Immutable; the hashed
 * n-grams of one text ({@link NgramHasher}).
 */
public record SparseFeatures(int[] index, float[] value) {
    public static final SparseFeatures EMPTY = new SparseFeatures(new int[0], new float[0]);

    public SparseFeatures {
        if (index.length != value.length) {
            throw new IllegalArgumentException("index and value lengths differ");
        }
        index = index.clone();
        value = value.clone();
        for (int i = 1; i < index.length; i++) {
            if (index[i] <= index[i - 1]) {
                throw new IllegalArgumentException("indices must ascend strictly");
            }
        }
    }

    public int size() {
        return index.length;
    }

    /** Σ w[index[i]]·value[i]; indices at or beyond {@code w.length} are refused. */
    public double dot(float[] w) {
        double z = 0;
        for (int i = 0; i < index.length; i++) {
            z += w[index[i]] * value[i];
        }
        return z;
    }

    /** {@code acc[index[i]] += scale·value[i]} (a gradient step's sparse part). */
    void addTo(double[] acc, int offset, double scale) {
        for (int i = 0; i < index.length; i++) {
            acc[offset + index[i]] += scale * value[i];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseFeatures s && Arrays.equals(index, s.index) && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(index) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SparseFeatures[" + index.length + " nonzero]";
    }
}
