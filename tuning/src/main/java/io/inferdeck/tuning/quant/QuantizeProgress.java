package io.inferdeck.tuning.quant;

/**
 * Receives how far a quantization has got, in source tensor bytes read of the total. Called on the
 * quantizing thread, often (once per row chunk): implementations must be cheap and may not block.
 */
@FunctionalInterface
public interface QuantizeProgress {
    QuantizeProgress NONE = (done, total) -> { };

    void update(long sourceBytesDone, long sourceBytesTotal);
}
