package io.inferdeck.control.metrics;

import java.util.Locale;

/**
 * Hand-written gateway /metrics text under {@link GatewayMetricNames}, for one upstream: the counters given
 * and cumulative bucket counts at le 0.1, 0.5 and 1 s (+Inf = the last of them).
 */
final class GatewayPage {
    private static final String LABELS = "upstream=\"r1\",model=\"m\",key=\"-\"";
    private static final String[] BOUNDS = {"0.1", "0.5", "1.0", "+Inf"};

    private GatewayPage() {
    }

    static String text(int ok, int error, int rejected, int promptTokens, int completionTokens, int[] e2e, int[] ttft,
                       int inFlight) {
        StringBuilder b = new StringBuilder();
        b.append("# TYPE ").append(GatewayMetricNames.REQUESTS).append("_total counter\n");
        counter(b, GatewayMetricNames.REQUESTS + "_total{" + LABELS + ",outcome=\"ok\",status=\"200\"}", ok);
        counter(b, GatewayMetricNames.REQUESTS + "_total{" + LABELS + ",outcome=\"error\",status=\"502\"}", error);
        counter(b, GatewayMetricNames.REQUESTS + "_total{" + LABELS + ",outcome=\"rejected\",status=\"413\"}", rejected);
        b.append("# TYPE ").append(GatewayMetricNames.PROMPT_TOKENS).append("_total counter\n");
        counter(b, GatewayMetricNames.PROMPT_TOKENS + "_total{" + LABELS + "}", promptTokens);
        b.append("# TYPE ").append(GatewayMetricNames.COMPLETION_TOKENS).append("_total counter\n");
        counter(b, GatewayMetricNames.COMPLETION_TOKENS + "_total{" + LABELS + "}", completionTokens);
        histogram(b, GatewayMetricNames.E2E, e2e);
        histogram(b, GatewayMetricNames.TTFT, ttft);
        b.append("# TYPE ").append(GatewayMetricNames.IN_FLIGHT).append(" gauge\n");
        counter(b, GatewayMetricNames.IN_FLIGHT + "{upstream=\"r1\"}", inFlight);
        return b.toString();
    }

    private static void counter(StringBuilder b, String series, double v) {
        b.append(series).append(' ').append(String.format(Locale.ROOT, "%.1f", v)).append('\n');
    }

    private static void histogram(StringBuilder b, String family, int[] cumulative) {
        b.append("# TYPE ").append(family).append(" histogram\n");
        for (int i = 0; i < BOUNDS.length; i++) {
            int c = cumulative[Math.min(i, cumulative.length - 1)];
            counter(b, family + "_bucket{" + LABELS + ",le=\"" + BOUNDS[i] + "\"}", c);
        }
        counter(b, family + "_sum{" + LABELS + "}", cumulative[cumulative.length - 1] * 0.5);
        counter(b, family + "_count{" + LABELS + "}", cumulative[cumulative.length - 1]);
    }
}
