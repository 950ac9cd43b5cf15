package io.inferdeck.services.fleet;

import io.inferdeck.control.metrics.MetricsDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules file {@code fleet prometheus-config} writes: recording rules for every {@link EngineFigure} per
 * engine dialect (labels {@code flavor}, {@code source}) and every {@link GpuFigure} per GPU exporter (label
 * {@code exporter}), then the alerts. Alerts carry {@code kind}: {@code slo} (the e2e P95 objective; the one
 * {@code fleet status} exits 1 on), {@code capacity} (KV cache, GPU memory) or {@code availability}.
 */
final class RulesRenderer {
    static final String E2E_ALERT = "InferDeckSloE2eP95";
    static final String FREE_RATIO = "inferdeck:gpu_memory_free:ratio";

    private RulesRenderer() {
    }

    static Map<String, Object> render(FleetInventory fleet, FleetDialects dialects) {
        String window = PromQl.seconds(fleet.slo().windowSeconds());
        List<Object> engines = new ArrayList<>();
        for (MetricsDialect d : dialects.engines()) {
            for (EngineFigure f : EngineFigure.all()) {
                f.query(d.mapping(), window).ifPresent(q -> engines.add(record(f.record(), q,
                        Map.of("flavor", d.flavor().id(), "source", FleetDialects.source(d)))));
            }
        }
        List<Object> gpus = new ArrayList<>();
        for (GpuDialect d : dialects.gpus()) {
            for (GpuFigure f : GpuFigure.values()) {
                d.query(f).ifPresent(q -> gpus.add(record(f.record(), q, Map.of("exporter", d.id()))));
            }
        }
        gpus.add(record(FREE_RATIO, "1 - " + GpuFigure.MEMORY_USED.record() + " / " + GpuFigure.MEMORY_TOTAL.record(), Map.of()));
        return Map.of("groups", List.of(group("inferdeck-engines", engines), group("inferdeck-gpus", gpus),
                group("inferdeck-alerts", alerts(fleet))));
    }

    private static List<Object> alerts(FleetInventory fleet) {
        SloSettings slo = fleet.slo();
        String jobs = String.join("|", java.util.Arrays.stream(FleetRole.values()).map(FleetRole::id).toList());
        return List.of(
                alert(E2E_ALERT, EngineFigure.E2E_P95.record() + " > " + PromQl.number(slo.e2eP95Seconds()), slo, "slo",
                        "{{ $labels.instance }} on {{ $labels.node }}: e2e P95 {{ $value | humanizeDuration }} over the SLO "
                                + PromQl.number(slo.e2eP95Seconds()) + " s"),
                alert("InferDeckKvCachePressure", EngineFigure.KV_CACHE.record() + " > " + PromQl.number(slo.kvCacheUsage()),
                        slo, "capacity", "{{ $labels.instance }} on {{ $labels.node }}: KV cache {{ $value | humanizePercentage }} full"),
                alert("InferDeckGpuMemoryHeadroom", FREE_RATIO + " < " + PromQl.number(slo.gpuMemoryHeadroom()), slo, "capacity",
                        "GPU {{ $labels.gpu }} on {{ $labels.node }}: only {{ $value | humanizePercentage }} memory free"),
                alert("InferDeckTargetDown", "up{job=~\"" + jobs + "\"} == 0", slo, "availability",
                        "{{ $labels.job }} target {{ $labels.instance }} on {{ $labels.node }} is down"));
    }

    private static Map<String, Object> group(String name, List<Object> rules) {
        return ordered("name", name, "rules", rules);
    }

    private static Map<String, Object> record(String name, String expr, Map<String, String> labels) {
        Map<String, Object> r = ordered("record", name, "expr", expr);
        if (!labels.isEmpty()) {
            r.put("labels", new java.util.TreeMap<>(labels));
        }
        return r;
    }

    private static Map<String, Object> alert(String name, String expr, SloSettings slo, String kind, String summary) {
        Map<String, Object> a = ordered("alert", name, "expr", expr);
        a.put("for", PromQl.seconds(slo.forSeconds()));
        a.put("labels", Map.of("kind", kind));
        a.put("annotations", Map.of("summary", summary));
        return a;
    }

    static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
