package io.inferdeck.services.fleet;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fleet file ({@code fleet.yaml}, documented in docs/fleet.md): the nodes with their scrape targets, the
 * scrape interval Prometheus should use, and the SLO thresholds. Immutable; node names are unique.
 *
 * @param scrapeIntervalSeconds how often Prometheus scrapes every target (default 15)
 */
public record FleetInventory(List<FleetNode> nodes, Integer scrapeIntervalSeconds, SloSettings slo) {

    public FleetInventory {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("nodes: the fleet needs at least one node");
        }
        nodes = List.copyOf(nodes);
        Set<String> names = new HashSet<>();
        for (FleetNode n : nodes) {
            if (!names.add(Objects.requireNonNull(n, "nodes: null entry").name())) {
                throw new IllegalArgumentException("nodes: two nodes named " + n.name());
            }
        }
        scrapeIntervalSeconds = scrapeIntervalSeconds == null ? 15 : scrapeIntervalSeconds;
        if (scrapeIntervalSeconds < 1 || scrapeIntervalSeconds > 3600) {
            throw new IllegalArgumentException("scrapeIntervalSeconds: expected 1..3600, got " + scrapeIntervalSeconds);
        }
        slo = slo == null ? SloSettings.DEFAULTS : slo;
        if (slo.windowSeconds() < 2 * scrapeIntervalSeconds) {
            throw new IllegalArgumentException("slo.windowSeconds: must span at least two scrapes ("
                    + 2 * scrapeIntervalSeconds + " s), got " + slo.windowSeconds());
        }
    }

    /** Every target of {@code role}, node by node in file order. */
    public List<NodeTarget> targets(FleetRole role) {
        return nodes.stream().flatMap(n -> n.targets(role).stream().map(t -> new NodeTarget(n, t))).toList();
    }

    /** A target with the node it belongs to. */
    public record NodeTarget(FleetNode node, FleetTarget target) {
    }
}
