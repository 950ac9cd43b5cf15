package io.inferdeck.tuning.fit;

/**
 * Heuristic for llama.cpp's compute ("scratch") buffers, which ggml-alloc sizes from the worst-case graph
 * at context creation. Buffers are reused across layers, so a device needs the PEAK of one step, not a sum
 * over its layers. With T = tokens per step (ubatch capped by batch and ctx), all F32 (4 bytes):
 * <ul>
 *   <li>attention, flash attention off: the KQ score matrix T × ctx × heads (the reserve graph assumes a
 *       full KV cache) — dominant at long contexts; flash attention on: T × heads × head_dim, since the
 *       score tiles live in on-chip memory;</li>
 *   <li>logits, on the device holding the output layer: T × vocab;</li>
 *   <li>live activations around them: T × (3 × embedding + 2 × feed_forward).</li>
 * </ul>
 * Device peak = max(attention, logits) + activations. Not modelled: pipeline-parallel copies on multi-GPU
 * layer splits and backend-specific workspaces; compare with the "compute buffer size" lines llama.cpp logs.
 */
final class ComputeBuffers {
    private static final long F32 = 4;

    private ComputeBuffers() {
    }

    static long attention(ModelShape m, FitSettings s) {
        long t = s.stepTokens();
        return s.flashAttention()
                ? t * m.heads() * Math.max(m.keyLength(), m.valueLength()) * F32
                : t * s.contextTotal() * m.heads() * F32;
    }

    static long logits(ModelShape m, FitSettings s) {
        return (long) s.stepTokens() * m.vocab() * F32;
    }

    static long activations(ModelShape m, FitSettings s) {
        return (long) s.stepTokens() * (3 * m.embedding() + 2 * m.feedForward()) * F32;
    }

    /** Peak compute buffer of a device holding some repeating layers and/or the output layer. */
    static long forDevice(ModelShape m, FitSettings s, boolean holdsLayers, boolean holdsOutput) {
        if (!holdsLayers && !holdsOutput) {
            return 0;
        }
        return Math.max(holdsLayers ? attention(m, s) : 0, holdsOutput ? logits(m, s) : 0) + activations(m, s);
    }
}
