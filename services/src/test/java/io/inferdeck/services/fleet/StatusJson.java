package io.inferdeck.services.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads back what {@code fleet status --json} prints ({@link FleetStatusFormat#json}) into a {@link FleetStatus}, so
 * the agreement checks run on the printed document itself: a figure the JSON drops, renames or writes as null is
 * then missing there too. Only the fields the checks use (figures by their JSON keys, flavor, slo, alerts).
 */
final class StatusJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {
    }

    /** The status as {@code --json} prints it, parsed again. */
    static FleetStatus printed(FleetStatus status) throws Exception {
        return parse(FleetStatusFormat.json(status));
    }

    static FleetStatus parse(String json) throws Exception {
        JsonNode root = JSON.readTree(json);
        List<FleetStatus.Node> nodes = new ArrayList<>();
        for (JsonNode n : root.get("nodes")) {
            List<FleetStatus.Gpu> gpus = new ArrayList<>();
            for (JsonNode g : n.get("gpus")) {
                Map<GpuFigure, Double> figures = new EnumMap<>(GpuFigure.class);
                for (GpuFigure f : GpuFigure.values()) {
                    number(g, f.jsonKey()).ifPresent(v -> figures.put(f, v));
                }
                gpus.add(new FleetStatus.Gpu(g.get("instance").asText(), g.get("gpu").asText(), g.get("exporter").asText(), figures));
            }
            List<FleetStatus.Engine> engines = new ArrayList<>();
            for (JsonNode e : n.get("engines")) {
                Map<EngineFigure, Double> figures = new EnumMap<>(EngineFigure.class);
                Map<EngineFigure, String> sources = new EnumMap<>(EngineFigure.class);
                for (EngineFigure f : EngineFigure.values()) {
                    number(e, f.jsonKey()).ifPresent(v -> figures.put(f, v));
                    if (e.get("sources").has(f.jsonKey())) {
                        sources.put(f, e.get("sources").get(f.jsonKey()).asText());
                    }
                }
                engines.add(new FleetStatus.Engine(e.get("instance").asText(), e.get("flavor").asText(), figures, sources,
                        e.get("slo").asText()));
            }
            nodes.add(new FleetStatus.Node(n.get("node").asText(), gpus, engines));
        }
        List<PromAlert> alerts = new ArrayList<>();
        for (JsonNode a : root.get("firingAlerts")) {
            Map<String, String> labels = new HashMap<>();
            a.get("labels").properties().forEach(p -> labels.put(p.getKey(), p.getValue().asText()));
            alerts.add(new PromAlert(labels, Map.of(), "firing", OptionalDouble.empty()));
        }
        FleetStatus s = new FleetStatus(Instant.parse(root.get("at").asText()),
                Duration.ofMillis(Math.round(root.get("windowSeconds").asDouble() * 1000)), nodes, alerts);
        if (s.sloFiring() != root.get("sloFiring").asBoolean()) {
            throw new AssertionError("sloFiring " + root.get("sloFiring") + " disagrees with the alerts listed: " + json);
        }
        return s;
    }

    private static java.util.Optional<Double> number(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null) {
            throw new AssertionError("--json lacks the key " + key + ": " + o);
        }
        return v.isNull() ? java.util.Optional.empty() : java.util.Optional.of(v.asDouble());
    }
}
