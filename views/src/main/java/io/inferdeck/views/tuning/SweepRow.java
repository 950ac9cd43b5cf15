package io.inferdeck.views.tuning;

import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.SloVerdict;
import io.inferdeck.tuning.sweep.SweepOutcome;

/**
 * One row of the sweep table: a point's figures (NaN when it failed), its request count n, the 95% intervals of
 * P95 and P99 e2e (NaN bounds where n gives none: see PercentileInterval), the SLO verdict text (SloVerdict: failed
 * requests and too few requests count against it) and whether it is the recommendation.
 * {@code tokensPerJoule} is NaN without a GPU energy counter.
 */
public record SweepRow(String quant, int batch, int parallel, double rate, double requestsPerSecond, double tokensPerSecond,
                       long requests, double p95Ms, double p95LowMs, double p95HighMs, double p99Ms, double p99LowMs,
                       double p99HighMs, double ttftP95Ms, double failureRate, String slo, boolean recommended,
                       double tokensPerJoule) {

    static SweepRow of(SweepOutcome o, boolean recommended) {
        double nan = Double.NaN;
        if (o.result().isEmpty()) {
            return new SweepRow(o.point().quant(), o.point().batch(), o.point().parallel(), o.point().rate(), nan, nan, 0, nan, nan, nan,
                    nan, nan, nan, nan, nan, o.failure().startsWith("skipped") ? o.failure() : "failed: " + o.failure(), false, nan);
        }
        BenchResult r = o.result().get();
        return new SweepRow(o.point().quant(), o.point().batch(), o.point().parallel(), o.point().rate(), r.requestsPerSecond(),
                r.outputTokensPerSecond(), r.e2e().count(), r.e2e().p95Ms(), r.e2e().p95Interval().lowMs(), r.e2e().p95Interval().highMs(),
                r.e2e().p99Ms(), r.e2e().p99Interval().lowMs(), r.e2e().p99Interval().highMs(), r.ttft().p95Ms(), r.failureRate(),
                SloVerdict.of(r).describe(r), recommended, o.tokensPerJoule().orElse(nan));
    }
}
