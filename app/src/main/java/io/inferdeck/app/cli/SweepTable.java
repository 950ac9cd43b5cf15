package io.inferdeck.app.cli;

import io.inferdeck.tuning.load.BenchResult;
import io.inferdeck.tuning.load.PercentileInterval;
import io.inferdeck.tuning.load.SloVerdict;
import io.inferdeck.tuning.sweep.SweepOutcome;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The table {@code inferdeck sweep} prints point by point: throughput, the request count n, P95 and P99 e2e each with
 * its 95% interval (order statistics; "–" where n gives no bound), TTFT P95 and the SLO verdict (SloVerdict: never
 * "met" with too many failures or too few requests).
 */
final class SweepTable {
    private static final String FORMAT = "%-34s %7s %6s %20s %20s %8s  %s%n";
    private final PrintWriter out;

    SweepTable(PrintWriter out) {
        this.out = out;
        out.printf(FORMAT, "point", "req/s", "n", "P95 ms [95% CI]", "P99 ms [95% CI]", "TTFT95", "SLO");
        out.flush();
    }

    void row(SweepOutcome o) {
        if (o.result().isEmpty()) {
            out.printf("%-34s %s%n", o.point(), o.failure().startsWith("skipped") ? o.failure() : "failed: " + o.failure());
        } else {
            BenchResult r = o.result().get();
            out.printf(Locale.ROOT, FORMAT, o.point(), String.format(Locale.ROOT, "%.2f", r.requestsPerSecond()), r.e2e().count(),
                    withInterval(r.e2e().p95Ms(), r.e2e().p95Interval()), withInterval(r.e2e().p99Ms(), r.e2e().p99Interval()),
                    String.format(Locale.ROOT, "%.0f", r.ttft().p95Ms()), SloVerdict.of(r).describe(r));
        }
        out.flush();
    }

    /** "412 [380–455]"; a missing bound is "–" and a percentile without enough data says so: "412 [380–?] n<72". */
    static String withInterval(double estimateMs, PercentileInterval i) {
        if (Double.isNaN(estimateMs)) {
            return "–";
        }
        String low = Double.isNaN(i.lowMs()) ? "–" : String.format(Locale.ROOT, "%.0f", i.lowMs());
        String high = Double.isNaN(i.highMs()) ? "?" : String.format(Locale.ROOT, "%.0f", i.highMs());
        return String.format(Locale.ROOT, "%.0f [%s–%s]", estimateMs, low, high) + (i.enoughData() ? "" : " n<" + PercentileInterval.minSamples(i.percentile()));
    }
}
