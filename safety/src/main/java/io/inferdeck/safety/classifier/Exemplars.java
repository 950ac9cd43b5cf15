package io.inferdeck.safety.classifier;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * The training prompts' embeddings as a nearest-neighbour vote: score = σ(sharpness · (mean cosine of the k most
 * similar harmful exemplars − mean cosine of the k most similar benign ones)). A linear head draws one boundary
 * through the whole space; the vote follows the data locally, so prompts close to a written example are judged like
 * it (it ranked an unseen author's prompts better together with the heads than the heads alone: evaluation.md).
 *
 * <p>Storage: each exemplar keeps only its non-zero run of dimensions (a routed embedding fills one model's half),
 * int8-quantized with one scale per exemplar (cosines move by about 1e-3), so ~11 k exemplars take ~5 MB. Immutable
 * and thread-safe.
 */
public final class Exemplars {
    private final int dims;
    private final int k;
    private final double sharpness;
    private final int[] from;
    private final int[] length;
    private final float[] scale;
    private final boolean[] harmful;
    private final int[] offset;
    private final byte[] data;

    private Exemplars(int dims, int k, double sharpness, int[] from, int[] length, float[] scale, boolean[] harmful,
                      byte[] data) {
        if (k < 1 || sharpness <= 0 || from.length == 0) {
            throw new IllegalArgumentException("exemplars need k >= 1, sharpness > 0 and at least one vector");
        }
        this.dims = dims;
        this.k = k;
        this.sharpness = sharpness;
        this.from = from;
        this.length = length;
        this.scale = scale;
        this.harmful = harmful;
        this.offset = new int[from.length];
        int at = 0;
        for (int i = 0; i < from.length; i++) {
            if (from[i] < 0 || length[i] < 0 || from[i] + length[i] > dims) {
                throw new IllegalArgumentException("exemplar " + i + " lies outside " + dims + " dimensions");
            }
            offset[i] = at;
            at += length[i];
        }
        if (at != data.length) {
            throw new IllegalArgumentException("exemplar data holds " + data.length + " values, the index " + at);
        }
        this.data = data;
    }

    /** Unit-normalizes and quantizes {@code vectors}; {@code harmful[i]} is vector i's side of the vote. */
    public static Exemplars of(List<float[]> vectors, boolean[] harmful, int k, double sharpness) {
        int n = vectors.size();
        int dims = vectors.getFirst().length;
        int[] from = new int[n];
        int[] length = new int[n];
        float[] scale = new float[n];
        ByteBuffer out = ByteBuffer.allocate(n * dims);
        for (int i = 0; i < n; i++) {
            float[] v = vectors.get(i);
            int lo = 0;
            int hi = v.length;
            while (lo < hi && v[lo] == 0) {
                lo++;
            }
            while (hi > lo && v[hi - 1] == 0) {
                hi--;
            }
            double norm = 0;
            double max = 0;
            for (int d = lo; d < hi; d++) {
                norm += v[d] * v[d];
                max = Math.max(max, Math.abs(v[d]));
            }
            double unit = norm == 0 ? 0 : 1 / Math.sqrt(norm);
            from[i] = lo;
            length[i] = hi - lo;
            scale[i] = (float) (max * unit / 127);
            for (int d = lo; d < hi; d++) {
                out.put((byte) Math.round(scale[i] == 0 ? 0 : v[d] * unit / scale[i]));
            }
        }
        byte[] data = java.util.Arrays.copyOf(out.array(), out.position());
        return new Exemplars(dims, k, sharpness, from, length, scale, harmful.clone(), data);
    }

    public int size() {
        return from.length;
    }

    /** The vote for embedding {@code x} (any length-{@code dims} vector; normalized here). */
    public double score(float[] x) {
        if (x.length != dims) {
            throw new IllegalArgumentException("embedding has " + x.length + " dims, exemplars " + dims);
        }
        double norm = 0;
        int lo = x.length;
        int hi = 0;
        for (int d = 0; d < x.length; d++) {
            norm += x[d] * x[d];
            if (x[d] != 0) {
                lo = Math.min(lo, d);
                hi = d + 1;
            }
        }
        TopK bad = new TopK(k);
        TopK good = new TopK(k);
        for (int i = 0; i < from.length; i++) {
            int a = Math.max(lo, from[i]);
            int b = Math.min(hi, from[i] + length[i]);
            double dot = 0;
            for (int d = a, q = offset[i] + a - from[i]; d < b; d++, q++) {
                dot += x[d] * data[q];
            }
            // two calls, not (harmful[i] ? bad : good).offer(..): C2 threw a NullPointerException on that merge of two
            // fresh objects (twice in ~10 test-module runs on JDK 25.0.3; nothing there can be null)
            if (harmful[i]) {
                bad.offer(dot * scale[i]);
            } else {
                good.offer(dot * scale[i]);
            }
        }
        double unit = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        return LinearHead.sigmoid(sharpness * unit * (bad.mean() - good.mean()));
    }

    /** The k largest values offered (fewer when fewer were offered; mean 0 when none). */
    private static final class TopK {
        private final double[] v;
        private int n;

        TopK(int k) {
            v = new double[k];
        }

        void offer(double x) {
            if (n < v.length) {
                v[n++] = x;
                return;
            }
            int min = 0;
            for (int i = 1; i < n; i++) {
                min = v[i] < v[min] ? i : min;
            }
            if (x > v[min]) {
                v[min] = x;
            }
        }

        double mean() {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[i];
            }
            return n == 0 ? 0 : s / n;
        }
    }

    /** Base64 of: dims, k, sharpness, count, then per exemplar from, length, scale, side; then the int8 values. */
    public String encode() {
        ByteBuffer b = ByteBuffer.allocate(20 + from.length * 13 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(dims).putInt(k).putDouble(sharpness).putInt(from.length);
        for (int i = 0; i < from.length; i++) {
            b.putInt(from[i]).putInt(length[i]).putFloat(scale[i]).put((byte) (harmful[i] ? 1 : 0));
        }
        b.put(data);
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** @throws IllegalArgumentException for text {@link #encode} did not write */
    public static Exemplars decode(String s) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
            int dims = b.getInt();
            int k = b.getInt();
            double sharpness = b.getDouble();
            int n = b.getInt();
            if (n < 1 || (long) n * 13 > b.remaining()) {
                throw new IllegalArgumentException("bad exemplar count " + n);
            }
            int[] from = new int[n];
            int[] length = new int[n];
            float[] scale = new float[n];
            boolean[] harmful = new boolean[n];
            for (int i = 0; i < n; i++) {
                from[i] = b.getInt();
                length[i] = b.getInt();
                scale[i] = b.getFloat();
                harmful[i] = b.get() == 1;
            }
            byte[] data = new byte[b.remaining()];
            b.get(data);
            return new Exemplars(dims, k, sharpness, from, length, scale, harmful, data);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("exemplar data is truncated", e);
        }
    }
}
