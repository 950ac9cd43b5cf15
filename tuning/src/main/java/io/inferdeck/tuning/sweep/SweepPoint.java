package io.inferdeck.tuning.sweep;

/** One setting of the grid: a model variant (quantization), the batch size and the parallel slots. */
public record SweepPoint(String quant, int batch, int parallel) {
    @Override
    public String toString() {
        return quant + " batch " + batch + " parallel " + parallel;
    }
}
