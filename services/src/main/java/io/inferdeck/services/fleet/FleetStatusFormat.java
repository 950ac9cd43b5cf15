package io.inferdeck.services.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code fleet status} output: one JSON object (base units: seconds, bytes, watts, ratios 0..1; null = not
 * available) or a plain table. Stateless.
 */
public final class FleetStatusFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetStatusFormat() {
    }

    public static String json(FleetStatus s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("at", s.at().toString());
        root.put("windowSeconds", s.window().toMillis() / 1000.0);   // the reader keeps milliseconds
        List<Object> nodes = new ArrayList<>();
        for (FleetStatus.Node n : s.nodes()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("node", n.name());
            node.put("gpus", n.gpus().stream().map(g -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("instance", g.instance());
                m.put("gpu", g.gpu());
                m.put("exporter", g.exporter());
                for (GpuFigure f : GpuFigure.values()) {
                    m.put(f.jsonKey(), g.figures().get(f));
                }
                return m;
            }).toList());
            node.put("engines", n.engines().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("instance", e.instance());
                m.put("flavor", e.flavor());
                for (EngineFigure f : EngineFigure.values()) {
                    m.put(f.jsonKey(), e.figures().get(f));
                }
                Map<String, String> sources = new LinkedHashMap<>();
                e.sources().forEach((f, src) -> sources.put(f.jsonKey(), src));
                m.put("sources", sources);
                m.put("slo", e.slo());
                return m;
            }).toList());
            nodes.add(node);
        }
        root.put("nodes", nodes);
        root.put("firingAlerts", s.firing().stream().map(a -> Map.of("alert", a.name(), "labels", a.labels())).toList());
        root.put("sloFiring", s.sloFiring());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }

    public static String table(FleetStatus s) {
        StringBuilder b = new StringBuilder();
        for (FleetStatus.Node n : s.nodes()) {
            b.append("node ").append(n.name()).append('\n');
            for (FleetStatus.Gpu g : n.gpus()) {
                b.append(String.format(Locale.ROOT, "  gpu %-3s %-22s mem %s / %s GiB  util %s  %s W  %s °C%n", g.gpu(),
                        g.instance(), num(g.figure(GpuFigure.MEMORY_USED), 1L << 30, 1), num(g.figure(GpuFigure.MEMORY_TOTAL), 1L << 30, 1),
                        pct(g.figure(GpuFigure.UTILIZATION)), num(g.figure(GpuFigure.POWER), 1, 0), num(g.figure(GpuFigure.TEMPERATURE), 1, 0)));
            }
            for (FleetStatus.Engine e : n.engines()) {
                b.append(String.format(Locale.ROOT, "  engine %-22s %-9s qps %s  e2e p95 %s p99 %s s  ttft p95 %s p99 %s s  "
                                + "kv %s  queue %s  slo %s%n", e.instance(), e.flavor(), num(e.figure(EngineFigure.QPS), 1, 2),
                        num(e.figure(EngineFigure.E2E_P95), 1, 3), num(e.figure(EngineFigure.E2E_P99), 1, 3),
                        num(e.figure(EngineFigure.TTFT_P95), 1, 3), num(e.figure(EngineFigure.TTFT_P99), 1, 3),
                        pct(e.figure(EngineFigure.KV_CACHE)), num(e.figure(EngineFigure.WAITING), 1, 0), e.slo()));
            }
        }
        b.append(s.firing().isEmpty() ? "no alerts firing\n" : "");
        s.firing().forEach(a -> b.append("FIRING ").append(a.name()).append(' ').append(a.labels()).append('\n'));
        return b.toString();
    }

    /**
     * {@code v / unit} with {@code decimals} places (Locale.ROOT), or "n/a" when the figure is not available — the
     * one number format of the CLI's table and the Fleet page's rows.
     */
    public static String num(OptionalDouble v, double unit, int decimals) {
        return v.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", v.getAsDouble() / unit) : "n/a";
    }

    private static String pct(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.0f%%", v.getAsDouble() * 100) : "n/a";
    }
}
