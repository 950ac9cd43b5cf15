package io.inferdeck.services.fleet;

import io.inferdeck.control.metrics.FigureSource;
import io.inferdeck.control.metrics.MetricsDialect;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link FleetHistory} with {@code query_range} and the same PromQL {@link FleetStatusReader} evaluates at
 * one instant (built from the metric maps, so no InferDeck rules are needed). About {@link #POINTS} points per line;
 * rates and percentiles use a window of one step, but at least {@link #MIN_WINDOW}, so every point covers the
 * samples between it and the one before. Blocking: call it off the FX thread.
 */
public final class FleetHistoryReader {
    static final int POINTS = 240;
    static final Duration MIN_WINDOW = Duration.ofMinutes(1);

    private final PrometheusClient client;
    private final FleetDialects dialects;

    public FleetHistoryReader(PrometheusClient client, FleetDialects dialects) {
        this.client = client;
        this.dialects = dialects;
    }

    public FleetHistory read(Instant from, Instant to) throws IOException, InterruptedException {
        Duration step = Duration.ofSeconds(Math.max(1, Duration.between(from, to).toSeconds() / POINTS));
        String window = PromQl.duration(step.compareTo(MIN_WINDOW) < 0 ? MIN_WINDOW : step);
        List<FleetHistory.Trend> trends = new ArrayList<>();
        trends.add(new FleetHistory.Trend("qps", "Requests per second", "1/s", engines(EngineFigure.QPS, from, to, step, window)));
        trends.add(new FleetHistory.Trend("e2e-p95", "End-to-end latency P95", "s", engines(EngineFigure.E2E_P95, from, to, step, window)));
        trends.add(new FleetHistory.Trend("gpu-memory", "GPU memory used", "bytes", gpus(GpuFigure.MEMORY_USED, from, to, step)));
        trends.add(new FleetHistory.Trend("gpu-util", "GPU utilization", "ratio", gpus(GpuFigure.UTILIZATION, from, to, step)));
        return new FleetHistory(from, to, step, trends);
    }

    /** Per instance, the engine's own figure where its dialect has one, else the gateway's (as the status prefers). */
    private List<FleetHistory.Line> engines(EngineFigure fig, Instant from, Instant to, Duration step, String window)
            throws IOException, InterruptedException {
        List<MetricsDialect> preferred = new ArrayList<>(dialects.engines().stream().filter(d -> d.source() == FigureSource.ENGINE).toList());
        preferred.addAll(dialects.engines().stream().filter(d -> d.source() == FigureSource.GATEWAY).toList());
        Map<FleetKey, FleetHistory.Line> lines = new LinkedHashMap<>();
        for (MetricsDialect d : preferred) {
            Optional<String> q = fig.query(d.mapping(), window);
            if (q.isPresent()) {
                for (PromRange r : client.queryRange(q.get(), from, to, step)) {
                    FleetKey k = FleetKey.of(new PromSeries(r.labels(), java.util.OptionalDouble.empty()));
                    if (!r.points().isEmpty()) {
                        lines.putIfAbsent(k, new FleetHistory.Line(k.node() + " " + k.instance(), r.points()));
                    }
                }
            }
        }
        return sorted(lines);
    }

    private List<FleetHistory.Line> gpus(GpuFigure fig, Instant from, Instant to, Duration step) throws IOException, InterruptedException {
        Map<FleetKey, FleetHistory.Line> lines = new LinkedHashMap<>();
        for (GpuDialect g : dialects.gpus()) {
            if (g.query(fig).isPresent()) {
                for (PromRange r : client.queryRange(g.query(fig).get(), from, to, step)) {
                    FleetKey node = FleetKey.of(new PromSeries(r.labels(), java.util.OptionalDouble.empty()));
                    String gpu = r.labels().getOrDefault("gpu", "?");
                    FleetKey k = new FleetKey(node.node(), node.instance() + String.format(" %04d", parse(gpu)));
                    if (!r.points().isEmpty()) {
                        lines.putIfAbsent(k, new FleetHistory.Line(node.node() + " gpu " + gpu, r.points()));
                    }
                }
            }
        }
        return sorted(lines);
    }

    private static List<FleetHistory.Line> sorted(Map<FleetKey, FleetHistory.Line> lines) {
        return lines.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder())).map(Map.Entry::getValue).toList();
    }

    private static int parse(String gpu) {
        try {
            return Integer.parseInt(gpu);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
