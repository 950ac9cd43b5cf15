package io.inferdeck.services.fleet;

import io.inferdeck.control.metrics.FigureSource;
import io.inferdeck.control.metrics.MetricsDialect;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a {@link FleetStatus} from Prometheus with PromQL built from the metric maps ({@link EngineFigure},
 * {@link GpuDialect}), so it works on any Prometheus that scrapes the targets, configured by InferDeck or not.
 * An engine's figure is its own when it exports it, else the gateway's (as {@code MetricsNormalizer} prefers);
 * the engine's flavor is its first engine dialect, else {@code gateway}. Blocking: call it off the FX thread.
 */
public final class FleetStatusReader {
    private final PrometheusClient client;
    private final FleetDialects dialects;

    public FleetStatusReader(PrometheusClient client, FleetDialects dialects) {
        this.client = client;
        this.dialects = dialects;
    }

    public FleetStatus read(Instant at, Duration window) throws IOException, InterruptedException {
        String w = PromQl.duration(window);
        List<PromAlert> firing = client.alerts().stream().filter(PromAlert::firing).toList();
        Map<String, Nodes> nodes = new TreeMap<>();
        for (FleetDiscovery.Found f : new FleetDiscovery(client, dialects).discover(at)) {
            Nodes n = nodes.computeIfAbsent(f.key().node(), k -> new Nodes());
            if (!f.engines().isEmpty()) {
                n.engines.add(engine(f, at, w, firing));
            }
        }
        for (GpuDialect g : dialects.gpus()) {
            Map<List<String>, Map<GpuFigure, Double>> gpus = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
            Map<List<String>, FleetKey> keys = new java.util.HashMap<>();
            for (GpuFigure fig : GpuFigure.values()) {
                for (PromSeries s : g.query(fig).isPresent() ? client.query(g.query(fig).get(), at) : List.<PromSeries>of()) {
                    List<String> id = List.of(FleetKey.of(s).node(), s.label("instance"), String.format("%04d", parse(s.label("gpu"))));
                    keys.put(id, FleetKey.of(s));
                    s.value().ifPresent(v -> gpus.computeIfAbsent(id, k -> new EnumMap<>(GpuFigure.class)).put(fig, v));
                }
            }
            gpus.forEach((id, figs) -> nodes.computeIfAbsent(id.get(0), k -> new Nodes()).gpus
                    .add(new FleetStatus.Gpu(id.get(1), Integer.toString(parse(id.get(2))), g.id(), figs)));
        }
        List<FleetStatus.Node> out = new ArrayList<>();
        nodes.forEach((name, n) -> out.add(new FleetStatus.Node(name, n.gpus, n.engines)));
        return new FleetStatus(at, window, out, firing);
    }

    private FleetStatus.Engine engine(FleetDiscovery.Found f, Instant at, String window, List<PromAlert> firing)
            throws IOException, InterruptedException {
        Map<EngineFigure, Double> figures = new EnumMap<>(EngineFigure.class);
        Map<EngineFigure, String> sources = new EnumMap<>(EngineFigure.class);
        List<MetricsDialect> preferred = new ArrayList<>(f.engines().stream().filter(d -> d.source() == FigureSource.ENGINE).toList());
        preferred.addAll(f.engines().stream().filter(d -> d.source() == FigureSource.GATEWAY).toList());
        for (EngineFigure fig : EngineFigure.all()) {
            for (MetricsDialect d : preferred) {
                Optional<Double> v = value(d, fig, f.key(), at, window);
                if (v.isPresent()) {
                    figures.put(fig, v.get());
                    sources.put(fig, FleetDialects.source(d));
                    break;
                }
            }
        }
        boolean slo = firing.stream().anyMatch(a -> a.slo() && f.key().instance().equals(a.labels().get("instance")));
        return new FleetStatus.Engine(f.key().instance(), preferred.getFirst().flavor().id(), figures, sources,
                slo ? "firing" : "ok");
    }

    /** The figure for one instance: the query is narrowed to it, so each answer holds at most one series. */
    private Optional<Double> value(MetricsDialect d, EngineFigure fig, FleetKey key, Instant at, String window)
            throws IOException, InterruptedException {
        Optional<String> q = fig.query(d.mapping(), window);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        for (PromSeries s : client.query(q.get(), at)) {
            if (FleetKey.of(s).equals(key) && s.value().isPresent()) {
                return Optional.of(s.value().getAsDouble());
            }
        }
        return Optional.empty();
    }

    private static int parse(String gpu) {
        try {
            return Integer.parseInt(gpu);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Nodes {
        final List<FleetStatus.Engine> engines = new ArrayList<>();
        final List<FleetStatus.Gpu> gpus = new ArrayList<>();
    }
}
