package io.inferdeck.views.tuning;

import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.sweep.Recommendation;
import io.inferdeck.tuning.sweep.SweepOutcome;

/**
 * One row of the sweep table: a point's figures (NaN when it failed) and whether it is the recommendation.
 * {@code slo} says why a point that met the latency targets still is not eligible (more than 1% of requests failed).
 * {@code tokensPerJoule} is NaN without a GPU energy counter.
 */
public record SweepRow(String quant, int batch, int parallel, double requestsPerSecond, double tokensPerSecond,
                       double p95Ms, double p99Ms, double ttftP95Ms, double failureRate, String slo, boolean recommended,
                       double tokensPerJoule) {

    static SweepRow of(SweepOutcome o, boolean recommended) {
        if (o.result().isEmpty()) {
            return new SweepRow(o.point().quant(), o.point().batch(), o.point().parallel(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, "failed: " + o.failure(), false, Double.NaN);
        }
        BenchResult r = o.result().get();
        return new SweepRow(o.point().quant(), o.point().batch(), o.point().parallel(), r.requestsPerSecond(),
                r.outputTokensPerSecond(), r.e2e().p95Ms(), r.e2e().p99Ms(), r.ttft().p95Ms(), r.failureRate(),
                !r.sloMet() ? "missed" : r.failureRate() > Recommendation.MAX_FAILURE_RATE ? "met, >1% failed" : "met", recommended,
                o.tokensPerJoule().orElse(Double.NaN));
    }
}
