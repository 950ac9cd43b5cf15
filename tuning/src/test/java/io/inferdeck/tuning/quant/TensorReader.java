package io.inferdeck.tuning.quant;

import io.inferdeck.gguf.GgmlCodec;
import io.inferdeck.gguf.GgufFile;
import io.inferdeck.gguf.GgufTensorInfo;
import java.io.IOException;
import java.io.RandomAccessFile;

/** Test helper: a whole (small) tensor decoded to floats. */
final class TensorReader {
    private TensorReader() {
    }

    static float[] decode(GgufFile file, String name) throws IOException {
        GgufTensorInfo t = file.tensor(name).orElseThrow();
        byte[] bytes = new byte[Math.toIntExact(t.byteSize())];
        try (RandomAccessFile raf = new RandomAccessFile(file.path().toFile(), "r")) {
            raf.seek(file.absoluteOffset(t));
            raf.readFully(bytes);
        }
        float[] out = new float[Math.toIntExact(t.elements())];
        GgmlCodec.decode(t.type(), bytes, 0, out.length, out, 0);
        return out;
    }

    /**
     * Worst-case absolute error of one element of the block starting at {@code off} (same bounds as the
     * codec's property test): half a quantization step, a full step for the clamped top code of Q4_0/Q5_0,
     * plus the fp16 rounding of the block scale.
     */
    static double bound(io.inferdeck.gguf.GgmlType t, float[] x, int off, int j) {
        float amax = 0, min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int k = 0; k < t.blockSize(); k++) {
            amax = Math.max(amax, Math.abs(x[off + k]));
            min = Math.min(min, x[off + k]);
            max = Math.max(max, x[off + k]);
        }
        double fp16Slack = amax * 1e-3 + 128 * 0x1p-25;
        return switch (t) {
            case F32 -> 0;
            case F16 -> Math.abs(x[off + j]) * 0x1p-11 + 0x1p-24;
            case BF16 -> Math.abs(x[off + j]) * 0x1p-8;
            case Q8_0 -> amax / 127.0 / 2 + fp16Slack;
            case Q4_0 -> amax / 8.0 + fp16Slack;
            case Q5_0 -> amax / 16.0 + fp16Slack;
            case Q4_1 -> (max - min) / 15.0 / 2 + fp16Slack * 2;
            default -> throw new IllegalArgumentException(t.toString());
        };
    }
}
