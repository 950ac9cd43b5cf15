package io.inferdeck.tuning.sweep;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The quality limit a recommendation must keep: a variant is allowed when its mean KL divergence from the
 * highest-precision variant ({@code reference}), as the quantization report measured it, is at most
 * {@code maxMeanKl} nats. A variant whose KL is unknown is not allowed under a finite budget: quality that was not
 * measured is not assumed. {@link #NONE} allows every variant (no limit asked for).
 *
 * @param meanKl mean KL (nats) by quant; the reference's own is 0
 */
public record QualityBudget(double maxMeanKl, String reference, Map<String, Double> meanKl) {
    /** No quality limit: every variant is allowed. */
    public static final QualityBudget NONE = new QualityBudget(Double.POSITIVE_INFINITY, "", Map.of());

    /**
     * The default limit, 0.02 nats: on the embedded model (docs/quantization.md) it keeps every variant whose greedy
     * output matched the reference on all 16 tokens (F16, Q8_0, Q5_0 at 0.0128) and excludes the 4-bit legacy types
     * (Q4_1 0.043, Q4_0 0.0465), which changed 3-7 of those 16 tokens. See docs/tuning.md.
     */
    public static final double DEFAULT_MAX_MEAN_KL = 0.02;

    public QualityBudget {
        if (!(maxMeanKl >= 0)) {
            throw new IllegalArgumentException("the KL budget must be >= 0 nats, was " + maxMeanKl);
        }
        meanKl = Map.copyOf(meanKl);
    }

    public boolean limited() {
        return !Double.isInfinite(maxMeanKl);
    }

    public OptionalDouble klOf(String quant) {
        Double kl = meanKl.get(quant);
        return kl == null ? OptionalDouble.empty() : OptionalDouble.of(kl);
    }

    public boolean allows(String quant) {
        return !limited() || klOf(quant).stream().anyMatch(kl -> kl <= maxMeanKl);
    }

    /** Why {@code quant} is not allowed, e.g. "mean KL 0.0465 nats > 0.02" or "mean KL not measured". */
    public String refusal(String quant) {
        return klOf(quant).stream().mapToObj(kl -> "mean KL " + SweepPoint.compact(kl) + " nats > " + SweepPoint.compact(maxMeanKl))
                .findFirst().orElse("mean KL not measured");
    }

    @Override
    public String toString() {
        return limited() ? "mean KL <= " + SweepPoint.compact(maxMeanKl) + " nats vs " + reference : "no quality limit";
    }
}
