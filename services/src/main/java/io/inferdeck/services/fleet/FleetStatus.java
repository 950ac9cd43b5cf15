package io.inferdeck.services.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The fleet at one moment, as read from Prometheus: nodes with their GPUs and engines, and the firing alerts.
 * Immutable; a figure missing from a map is "not available" (the target does not export it, or Prometheus has
 * too few samples), never 0.
 */
public record FleetStatus(Instant at, Duration window, List<Node> nodes, List<PromAlert> firing) {
    public FleetStatus {
        nodes = List.copyOf(nodes);
        firing = List.copyOf(firing);
    }

    /** True when an alert of kind {@code slo} fires: {@code fleet status} then exits 1. */
    public boolean sloFiring() {
        return firing.stream().anyMatch(PromAlert::slo);
    }

    public record Node(String name, List<Gpu> gpus, List<Engine> engines) {
        public Node {
            gpus = List.copyOf(gpus);
            engines = List.copyOf(engines);
        }
    }

    /** @param exporter the GPU dialect's id ({@code inferdeck-gpu}, {@code dcgm}) */
    public record Gpu(String instance, String gpu, String exporter, Map<GpuFigure, Double> figures) {
        public Gpu {
            figures = Map.copyOf(figures);
        }

        public OptionalDouble figure(GpuFigure f) {
            Double v = figures.get(f);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }
    }

    /**
     * @param flavor  the engine's dialect ({@code vllm}, {@code builtin}...), {@code gateway} when only the gateway's
     *                families are there
     * @param sources per figure, {@code engine} or {@code gateway}: the engine's figure when it exports one
     * @param slo     {@code firing} when an SLO alert fires for this instance, else {@code ok}
     */
    public record Engine(String instance, String flavor, Map<EngineFigure, Double> figures,
                         Map<EngineFigure, String> sources, String slo) {
        public Engine {
            figures = Map.copyOf(figures);
            sources = Map.copyOf(sources);
        }

        public OptionalDouble figure(EngineFigure f) {
            Double v = figures.get(f);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }
    }
}
