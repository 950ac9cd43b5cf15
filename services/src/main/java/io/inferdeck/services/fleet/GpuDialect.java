package io.inferdeck.services.fleet;

import io.inferdeck.gpu.dcgm.DcgmGpuSource;
import io.inferdeck.gpu.export.GpuMetrics;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one GPU exporter spells the {@link GpuFigure}s, as PromQL in base units over its own names
 * ({@link GpuMetrics} for InferDeck's exporter, {@link DcgmGpuSource}'s fields for NVIDIA's DCGM exporter:
 * framebuffer MiB, utilization %, watts, °C). Expressions aggregate by {@link #GROUP}, dropping the
 * exporters' other labels (uuid, model, Hostname).
 */
public record GpuDialect(String id, String prefix, Map<GpuFigure, String> queries) {
    /** DCGM's {@code Hostname} is kept: on a Prometheus without a {@code node} label it names the node. */
    static final String NODE_GROUP = PromQl.GROUP + ", Hostname";
    static final String GROUP = NODE_GROUP + ", gpu";

    public static final GpuDialect INFERDECK = new GpuDialect("inferdeck-gpu", GpuMetrics.PREFIX, Map.of(
            GpuFigure.MEMORY_USED, max(GpuMetrics.MEMORY_USED),
            GpuFigure.MEMORY_TOTAL, max(GpuMetrics.MEMORY_TOTAL),
            GpuFigure.UTILIZATION, max(GpuMetrics.UTILIZATION),
            GpuFigure.POWER, max(GpuMetrics.POWER),
            GpuFigure.TEMPERATURE, max(GpuMetrics.TEMPERATURE)));

    /** Without FB_TOTAL (older exporters), total = used + free + reserved, as {@link DcgmGpuSource} reads it. */
    public static final GpuDialect DCGM = new GpuDialect("dcgm", DcgmGpuSource.FIELD_PREFIX, Map.of(
            GpuFigure.MEMORY_USED, max(DcgmGpuSource.FB_USED + " * 1048576"),
            GpuFigure.MEMORY_TOTAL, max("(" + DcgmGpuSource.FB_TOTAL + " or (" + DcgmGpuSource.FB_USED + " + "
                    + DcgmGpuSource.FB_FREE + " + (" + DcgmGpuSource.FB_RESERVED + " or " + DcgmGpuSource.FB_USED
                    + " * 0))) * 1048576"),
            GpuFigure.UTILIZATION, max(DcgmGpuSource.GPU_UTIL + " / 100"),
            GpuFigure.POWER, max(DcgmGpuSource.POWER_USAGE),
            GpuFigure.TEMPERATURE, max(DcgmGpuSource.GPU_TEMP)));

    public GpuDialect {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prefix, "prefix");
        queries = Map.copyOf(queries);
    }

    public Optional<String> query(GpuFigure figure) {
        return Optional.ofNullable(queries.get(figure));
    }

    private static String max(String expr) {
        return "max by (" + GROUP + ") (" + expr + ")";
    }
}
