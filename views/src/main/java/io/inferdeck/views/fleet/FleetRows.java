package io.inferdeck.views.fleet;

import static io.inferdeck.services.fleet.FleetStatusFormat.num;

import io.inferdeck.services.fleet.EngineFigure;
import io.inferdeck.services.fleet.FleetStatus;
import io.inferdeck.services.fleet.GpuFigure;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The Fleet page's table rows, as text made once from a {@link FleetStatus} ("n/a" where a figure is not available,
 * never 0). Immutable and stateless.
 */
public final class FleetRows {
    private FleetRows() {
    }

    /** @param engines the engine instances on the GPU's node (Prometheus has no finer link between them) */
    public record Gpu(String node, String gpu, String exporter, String memory, String utilization, String power,
               String temperature, String engines) {
    }

    public record Engine(String node, String instance, String flavor, String qps, String e2e, String ttft, String kvCache,
                  String queue, String slo) {
        public boolean firing() {
            return "firing".equals(slo);
        }
    }

    static List<Gpu> gpus(FleetStatus s) {
        return s.nodes().stream().flatMap(n -> n.gpus().stream().map(g -> new Gpu(n.name(), g.gpu(), g.exporter(),
                num(g.figure(GpuFigure.MEMORY_USED), 1L << 30, 1) + " / " + num(g.figure(GpuFigure.MEMORY_TOTAL), 1L << 30, 1) + " GiB",
                pct(g.figure(GpuFigure.UTILIZATION)), unit(g.figure(GpuFigure.POWER), 0, " W"),
                unit(g.figure(GpuFigure.TEMPERATURE), 0, " °C"),
                n.engines().stream().map(FleetStatus.Engine::instance).collect(Collectors.joining(", ")))))
                .toList();
    }

    static List<Engine> engines(FleetStatus s) {
        return s.nodes().stream().flatMap(n -> n.engines().stream().map(e -> new Engine(n.name(), e.instance(), e.flavor(),
                num(e.figure(EngineFigure.QPS), 1, 2),
                num(e.figure(EngineFigure.E2E_P95), 1, 3) + " / " + num(e.figure(EngineFigure.E2E_P99), 1, 3) + " s",
                num(e.figure(EngineFigure.TTFT_P95), 1, 3) + " / " + num(e.figure(EngineFigure.TTFT_P99), 1, 3) + " s",
                pct(e.figure(EngineFigure.KV_CACHE)),
                num(e.figure(EngineFigure.RUNNING), 1, 0) + " running, " + num(e.figure(EngineFigure.WAITING), 1, 0) + " waiting",
                e.slo()))).toList();
    }

    /** One line per firing alert: name, node, instance and its summary when the rule gives one. */
    static List<String> alerts(FleetStatus s) {
        return s.firing().stream().map(a -> a.name() + " — " + a.labels().getOrDefault("node", "?") + " "
                + a.labels().getOrDefault("instance", "") + (a.annotations().containsKey("summary")
                ? ": " + a.annotations().get("summary") : "")).toList();
    }

    static String summary(FleetStatus s) {
        long gpus = s.nodes().stream().mapToLong(n -> n.gpus().size()).sum();
        long engines = s.nodes().stream().mapToLong(n -> n.engines().size()).sum();
        return String.format(Locale.ROOT, "%d nodes · %d GPUs · %d engines · %s", s.nodes().size(), gpus, engines,
                s.firing().isEmpty() ? "no alerts firing" : s.firing().size() + " alert" + (s.firing().size() == 1 ? "" : "s") + " firing");
    }

    private static String unit(OptionalDouble v, int decimals, String unit) {
        return v.isPresent() ? num(v, 1, decimals) + unit : "n/a";
    }

    private static String pct(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.0f %%", v.getAsDouble() * 100) : "n/a";
    }
}
