package io.inferdeck.gguf;

/**
 * One ggml block format: {@link GgmlType#blockSize()} floats ⇄ {@link GgmlType#typeSize()} bytes.
 * Implementations are stateless (scratch space is per call), so one instance serves all threads.
 */
interface BlockCodec {
    /** Quantizes the block at {@code x[xo..]} into {@code y[yo..]}, overwriting every byte of it. */
    void encode(float[] x, int xo, byte[] y, int yo);

    /** Dequantizes the block at {@code y[yo..]} into {@code x[xo..]}. */
    void decode(byte[] y, int yo, float[] x, int xo);
}
