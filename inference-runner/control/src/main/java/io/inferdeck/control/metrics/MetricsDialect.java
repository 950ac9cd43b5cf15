package io.inferdeck.control.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One engine's /metrics vocabulary: the name prefix that gives its page away and where its figures
 * live ({@link MetricMapping}). Each engine driver that exposes metrics declares one.
 *
 * @param prefix every metric the engine itself names starts with it (e.g. {@code vllm:})
 */
public record MetricsDialect(EngineFlavor flavor, String prefix, MetricMapping mapping) {
    public MetricsDialect {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(mapping, "mapping");
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("a dialect needs a non-empty metric name prefix");
        }
    }

    /** True when any sample name on the page carries this dialect's prefix. */
    public boolean wrote(ParsedMetrics page) {
        return page.names().stream().anyMatch(n -> n.startsWith(prefix));
    }

    /**
     * The first dialect (in the given order) that wrote the page; empty = an engine we do not know. A name
     * belongs to the dialect with the longest prefix it starts with, so {@code inferdeck_gateway_*} names
     * are the gateway's, not the built-in runner's ({@code inferdeck_*}), even though both prefixes match.
     */
    public static Optional<MetricsDialect> detect(List<MetricsDialect> dialects, ParsedMetrics page) {
        return writers(dialects, page).stream().findFirst();
    }

    /**
     * Every dialect (in the given order) that owns at least one name on the page, by the same longest-prefix
     * rule as {@link #detect}: a gateway page with an engine's page behind it yields both.
     */
    public static List<MetricsDialect> writers(List<MetricsDialect> dialects, ParsedMetrics page) {
        Set<MetricsDialect> owners = page.names().stream().map(n -> owner(dialects, n)).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return dialects.stream().filter(owners::contains).toList();
    }

    /** {@link FigureSource#GATEWAY} for the InferDeck gateway's own families, {@link FigureSource#ENGINE} otherwise. */
    public FigureSource source() {
        return flavor.equals(GatewayMetricNames.FLAVOR) ? FigureSource.GATEWAY : FigureSource.ENGINE;
    }

    private static MetricsDialect owner(List<MetricsDialect> dialects, String name) {
        MetricsDialect best = null;
        for (MetricsDialect d : dialects) {
            if (name.startsWith(d.prefix()) && (best == null || d.prefix().length() > best.prefix().length())) {
                best = d;
            }
        }
        return best;
    }
}
