package io.inferdeck.tuning.load;

import java.util.Locale;

/**
 * The one judgement of a run against its SLO that every printer and the recommendation use. Failed requests count
 * against the SLO: a run whose latency percentiles are within target but that failed more than
 * {@link #MAX_FAILED_SHARE} of its requests did NOT meet it (its percentiles only describe the requests that
 * succeeded). A run with fewer OK requests than its percentile needs ({@link PercentileInterval#minSamples}) has
 * NOT_ENOUGH_DATA: its "P95" is then one of the few largest samples, not an estimate anyone can hold it to.
 * Checked in this order: failures, then latency, then data.
 */
public enum SloVerdict {
    MET, TOO_MANY_FAILED, MISSED, NOT_ENOUGH_DATA;

    /** Largest share of sent requests that may fail (errors and timeouts) for the SLO to be met. */
    public static final double MAX_FAILED_SHARE = 0.01;

    public static SloVerdict of(BenchResult r) {
        if (r.sent() > 0 && r.failureRate() > MAX_FAILED_SHARE) {
            return TOO_MANY_FAILED;
        }
        if (!r.sloMet()) {
            return MISSED;
        }
        return r.e2e().count() < PercentileInterval.minSamples(r.slo().percentile()) ? NOT_ENOUGH_DATA : MET;
    }

    /** Short text for tables and reports: "met", "missed", "missed: 2.5% failed (at most 1%)", "not enough data (20 < 72)". */
    public String describe(BenchResult r) {
        return switch (this) {
            case MET -> "met";
            case MISSED -> "missed";
            case TOO_MANY_FAILED -> String.format(Locale.ROOT, "missed: %.1f%% failed (at most %.0f%%)", 100 * r.failureRate(),
                    100 * MAX_FAILED_SHARE);
            case NOT_ENOUGH_DATA -> String.format(Locale.ROOT, "not enough data (%d of %d requests for P%s)", r.e2e().count(),
                    PercentileInterval.minSamples(r.slo().percentile()), trim(r.slo().percentile()));
        };
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
