package io.inferdeck.safety.report;

/**
 * What the results depend on: the filter configuration (stages, terms, masks), the classifier (head
 * and model hashes, or "unavailable"), and for end-to-end runs the model, deployment profile and
 * quantization. Two runs with equal fingerprints should give equal filter-only results.
 */
public record Fingerprint(String filterConfig, String classifier, String model, String profile, String quant) {
    public String describe() {
        return "filter " + filterConfig + ", classifier " + classifier + ", model " + model + ", profile " + profile
                + ", quant " + quant;
    }
}
