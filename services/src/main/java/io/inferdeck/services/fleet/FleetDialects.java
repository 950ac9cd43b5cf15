package io.inferdeck.services.fleet;

import io.inferdeck.control.metrics.MetricsDialect;
import java.util.List;
import java.util.Locale;

/**
 * The vocabularies the fleet reads: engine dialects (a driver registry's, then the InferDeck gateway's, as
 * {@code MetricsNormalizer.withGateway} lists them) and GPU exporter dialects. Immutable.
 */
public record FleetDialects(List<MetricsDialect> engines, List<GpuDialect> gpus) {
    public FleetDialects {
        engines = List.copyOf(engines);
        gpus = List.copyOf(gpus);
    }

    public static FleetDialects of(List<MetricsDialect> enginesAndGateway) {
        return new FleetDialects(enginesAndGateway, List.of(GpuDialect.INFERDECK, GpuDialect.DCGM));
    }

    /** {@code engine} or {@code gateway}: which kind of page the figure came from. */
    static String source(MetricsDialect d) {
        return d.source().name().toLowerCase(Locale.ROOT);
    }
}
