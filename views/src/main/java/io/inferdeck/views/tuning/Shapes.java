package io.inferdeck.views.tuning;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.tuning.fit.ModelShape;

/** Estimates the shape of a variant that does not exist yet from one that does. */
final class Shapes {
    private Shapes() {
    }

    /**
     * Scales every weight matrix (embeddings included) by the ratio of bytes per element, as the quantizer
     * re-encodes 2-D float tensors; norms keep their size. An estimate: tensors whose rows do not fit the
     * target's block size are kept by the real quantizer and would be a little larger.
     */
    static ModelShape scaled(ModelShape s, GgmlType from, GgmlType to) {
        double r = perElement(to) / perElement(from);
        long[] m = s.layerMatrixBytes();
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.round(m[i] * r);
        }
        return new ModelShape(s.architecture(), s.layers(), s.embedding(), s.feedForward(), s.heads(), s.kvHeads(),
                s.keyLength(), s.valueLength(), s.vocab(), s.trainedContext(), m, s.layerOtherBytes(),
                Math.round(s.inputBytes() * r), Math.round(s.outputMatrixBytes() * r), s.outputOtherBytes(), s.bytesByType());
    }

    private static double perElement(GgmlType t) {
        return t.typeSize() / (double) t.blockSize();
    }
}
