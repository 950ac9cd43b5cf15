package io.inferdeck.tuning.quality;

/**
 * Speed of one variant on the built-in engine, one stream (closed loop, concurrency 1).
 *
 * @param decodeTokensPerSecond 1000 / mean inter-token latency (ms): decoding alone, prefill excluded
 * @param ttftP50Ms             median time to first token, request sent → first streamed token
 * @param requests              measured OK requests the figures come from
 * @param failure               why there are no figures (null when measured); figures are NaN then
 */
public record VariantSpeed(double decodeTokensPerSecond, double ttftP50Ms, long requests, String failure) {

    public static VariantSpeed failed(String why) {
        return new VariantSpeed(Double.NaN, Double.NaN, 0, why);
    }

    public boolean measured() {
        return failure == null;
    }
}
