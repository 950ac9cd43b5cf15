package io.inferdeck.services.fleet;

import io.inferdeck.control.metrics.Selector;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * PromQL built from the same {@link Selector}s and histogram family lists the direct scraper reads, so a name
 * lives only in its engine's metric map. Every expression aggregates by {@link #GROUP} ({@code node} is the
 * label {@code fleet prometheus-config} adds; on a Prometheus that lacks it, it is simply empty). A selector's
 * "first name present" becomes {@code or} in name order, which PromQL applies per label set.
 */
final class PromQl {
    static final String GROUP = "instance, node";

    private PromQl() {
    }

    /** Per-second rate of a counter selector over {@code window} (a PromQL duration such as {@code 5m}). */
    static String rate(Selector s, String window) {
        return s.names().stream().map(n -> agg(s) + " by (" + GROUP + ") (rate(" + n + matcher(s) + "[" + window + "]))")
                .collect(Collectors.joining(" or "));
    }

    /** The current value of a gauge selector (sum, or mean for ratios). */
    static String level(Selector s) {
        return s.names().stream().map(n -> agg(s) + " by (" + GROUP + ") (" + n + matcher(s) + ")")
                .collect(Collectors.joining(" or "));
    }

    /** Quantile {@code q} of the observations in {@code window} of the first histogram family present. */
    static String quantile(double q, List<String> families, String window) {
        return families.stream().map(f -> "histogram_quantile(" + number(q) + ", sum by (" + GROUP + ", le) (rate("
                + f + "_bucket[" + window + "])))").collect(Collectors.joining(" or "));
    }

    static String seconds(int seconds) {
        return seconds + "s";
    }

    /** A range as PromQL writes it, to the millisecond: a window that ends and starts on sample times stays exact. */
    static String duration(java.time.Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? seconds(Math.toIntExact(ms / 1000)) : ms + "ms";
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String agg(Selector s) {
        return s.mean() ? "avg" : "sum";
    }

    private static String matcher(Selector s) {
        if (s.label() == null) {
            return "";
        }
        return "{" + s.label() + "=~\"" + s.values().stream().sorted().collect(Collectors.joining("|")) + "\"}";
    }
}
