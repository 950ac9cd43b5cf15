package io.inferdeck.tuning.sweep;

/**
 * One setting of the grid: a model variant (quantization), the batch size and the parallel slots, measured under
 * the sweep's closed loop ({@code rate} 0) or at an open-loop Poisson arrival {@code rate} in requests/s (a rung
 * of the rate ladder: the highest rung meeting the SLO is the setting's capacity, queueing stalls included).
 */
public record SweepPoint(String quant, int batch, int parallel, double rate) {
    public SweepPoint {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be >= 0 requests/s (0 = closed loop), was " + rate);
        }
    }

    /** A closed-loop point. */
    public SweepPoint(String quant, int batch, int parallel) {
        this(quant, batch, parallel, 0);
    }

    public boolean openLoop() {
        return rate > 0;
    }

    /** The same settings under the closed loop (what a profile applies: the rate is load, not a setting). */
    public SweepPoint settings() {
        return new SweepPoint(quant, batch, parallel);
    }

    @Override
    public String toString() {
        return quant + " batch " + batch + " parallel " + parallel
                + (openLoop() ? " @ " + compact(rate) + " req/s" : "");
    }

    /** {@code v} to 3 significant digits without trailing zeros ("2", "0.0465", "0.02"), for labels and reasons. */
    static String compact(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
