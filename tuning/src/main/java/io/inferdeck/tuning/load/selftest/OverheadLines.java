package io.inferdeck.tuning.load.selftest;

import io.inferdeck.tuning.load.selftest.GatewayOverhead.Report;
import io.inferdeck.tuning.load.selftest.GatewayOverhead.SafetySide;
import io.inferdeck.tuning.load.selftest.GatewayOverhead.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The printed lines of a {@link GatewayOverhead.Report}: every figure with its sample count or target. Stateless. */
final class OverheadLines {
    private OverheadLines() {
    }

    static List<String> of(Report r) {
        Side direct = r.direct();
        Side gateway = r.gateway();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "  throughput (%d streams)  direct %,.0f req/s   gateway %,.0f req/s   ratio %.2f "
                + "(target >= 0.8)   failed %d / %d", r.connections(), direct.requestsPerSecond(), gateway.requestsPerSecond(),
                r.throughputRatio(), direct.failed(), gateway.failed()));
        out.add(String.format(Locale.ROOT, "  CPU per request          direct %.1f us   gateway %.1f us   (this process: client, "
                + "endpoint and gateway; the gateway's share is the difference)", direct.cpuMicrosPerRequest(),
                gateway.cpuMicrosPerRequest()));
        out.add("  latency (1 stream)       direct  " + latency(direct));
        out.add("                           gateway " + latency(gateway));
        out.add(String.format(Locale.ROOT, "  added by the gateway     p50 %.3f ms (target <= 0.3)   p95 %.3f ms",
                gateway.percentileMs(0.5) - direct.percentileMs(0.5), gateway.percentileMs(0.95) - direct.percentileMs(0.95)));
        if (r.safety().isEmpty()) {
            out.add("  safety stages: not measured (no safety parts given)");
        }
        for (SafetySide s : r.safety()) {
            Side g = s.side();
            out.add("  all safety stages on, prompts " + s.label() + " (measured runs: " + String.join(", ", s.promptSets()) + ")");
            out.add(String.format(Locale.ROOT, "    throughput  direct %,.0f req/s   gateway %,.0f req/s   ratio %.2f (target >= 0.5)"
                    + "   failed %d (blocked or held count as failed)", s.direct().requestsPerSecond(), g.requestsPerSecond(),
                    s.throughputRatio(), g.failed()));
            out.add(String.format(Locale.ROOT, "    CPU per request  direct %.1f us   gateway %.1f us", s.direct().cpuMicrosPerRequest(),
                    g.cpuMicrosPerRequest()));
            out.add("    latency (1 stream)  direct  " + latency(s.direct()));
            out.add("                        gateway " + latency(g));
            out.add(String.format(Locale.ROOT, "    added by gateway + safety  p50 %.3f ms   p95 %.3f ms",
                    g.percentileMs(0.5) - s.direct().percentileMs(0.5), g.percentileMs(0.95) - s.direct().percentileMs(0.95)));
            long hits = s.cacheLookups().getOrDefault("hit", 0L);
            long lookups = s.cacheLookups().values().stream().mapToLong(Long::longValue).sum();
            out.add(s.cacheLookups().isEmpty() ? "    verdict cache: none"
                    : String.format(Locale.ROOT, "    verdict cache: %,d hits of %,d look-ups (%.1f %%) in the measured runs",
                            hits, lookups, lookups == 0 ? 0.0 : 100.0 * hits / lookups));
        }
        return out;
    }

    private static String latency(Side s) {
        return String.format(Locale.ROOT, "p50 %.3f ms   p95 %.3f ms   (%,d requests)", s.percentileMs(0.5),
                s.percentileMs(0.95), s.e2eMs().length);
    }
}
