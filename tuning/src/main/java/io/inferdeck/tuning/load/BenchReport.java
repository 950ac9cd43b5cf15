package io.inferdeck.tuning.load;

import java.util.Locale;
import java.util.stream.Collectors;

/** The text summary {@code inferdeck bench} prints: accounting, throughput, goodput, latency table. */
public final class BenchReport {
    private BenchReport() {
    }

    public static String format(BenchResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "endpoint      %s (model %s)%n", r.endpoint(), r.model()));
        sb.append(String.format(Locale.ROOT, "load          %s; %.1f s measured, %d warm-up requests not counted%s%n",
                r.load(), r.measuredSeconds(), r.warmupRequests(), r.stoppedEarly() ? " (STOPPED EARLY)" : ""));
        String causes = r.failuresByCause().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        sb.append(String.format(Locale.ROOT, "requests      sent %d = ok %d + errors %d + timeouts %d%s%n", r.sent(), r.ok(),
                r.errors(), r.timeouts(), causes.isEmpty() ? "" : "   (" + causes + ")"));
        sb.append(String.format(Locale.ROOT, "throughput    %.2f req/s, %.1f output tokens/s (%d tokens)%n",
                r.requestsPerSecond(), r.outputTokensPerSecond(), r.outputTokens()));
        sb.append(String.format(Locale.ROOT, "goodput       %.2f req/s within e2e <= %s and TTFT <= %s; P%s SLO %s%n",
                r.goodputPerSecond(), Durations.format(r.slo().e2e()), Durations.format(r.slo().ttft()),
                trim(r.slo().percentile()), verdict(r)));
        sb.append(String.format(Locale.ROOT, "latency (ms)  %9s %9s %9s %9s %9s%n", "p50", "p95", "p99", "max", "count"));
        row(sb, "TTFT", r.ttft());
        row(sb, "ITL", r.itl());
        row(sb, "e2e", r.e2e());
        if (r.sendLag().available() && r.sendLag().p99Ms() > 10) {
            sb.append(String.format(Locale.ROOT, "note          requests were sent up to %.0f ms late (p99 %.1f ms); latencies include it%n",
                    r.sendLag().maxMs(), r.sendLag().p99Ms()));
        }
        return sb.toString();
    }

    /** Never "met" when too many requests failed or too few succeeded for the percentile (SloVerdict). */
    private static String verdict(BenchResult r) {
        SloVerdict v = SloVerdict.of(r);
        return switch (v) {
            case MET -> "met";
            case MISSED -> "NOT met";
            case TOO_MANY_FAILED -> "NOT met" + v.describe(r).substring("missed".length());
            case NOT_ENOUGH_DATA -> "not judged: " + v.describe(r);
        };
    }

    private static void row(StringBuilder sb, String name, LatencySummary s) {
        sb.append(String.format(Locale.ROOT, "  %-11s %9s %9s %9s %9s %9d%n", name, ms(s.p50Ms()), ms(s.p95Ms()), ms(s.p99Ms()),
                ms(s.maxMs()), s.count()));
    }

    private static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "n/a";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
