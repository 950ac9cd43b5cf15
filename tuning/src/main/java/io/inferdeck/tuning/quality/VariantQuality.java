package io.inferdeck.tuning.quality;

import java.util.List;

/**
 * Quality of one variant against the reference (highest-precision) variant over the same token sequence.
 *
 * @param meanKl     mean over positions of KL(P_ref ‖ P_variant) of the next-token distributions, in nats
 *                   (0 for the reference itself)
 * @param perplexity exp(mean negative log-likelihood of the sample's actual next tokens)
 * @param positions  predicted positions averaged over (sample tokens − 1)
 * @param greedy     this variant's argmax continuation of the greedy prompt (empty when none was given)
 */
public record VariantQuality(String variant, double meanKl, double perplexity, int positions, List<Integer> greedy) {
    public VariantQuality {
        greedy = List.copyOf(greedy);
    }
}
