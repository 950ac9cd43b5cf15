package io.inferdeck.services.fleet;

import java.util.Comparator;

/**
 * Where a series comes from: its {@code instance} and the node it belongs to — the {@code node} label
 * {@code fleet prometheus-config} sets, else DCGM's {@code Hostname}, else the instance's host.
 */
public record FleetKey(String node, String instance) implements Comparable<FleetKey> {
    private static final Comparator<FleetKey> ORDER = Comparator.comparing(FleetKey::node).thenComparing(FleetKey::instance);

    static FleetKey of(PromSeries s) {
        String instance = s.label("instance");
        String node = !s.label("node").isEmpty() ? s.label("node")
                : !s.label("Hostname").isEmpty() ? s.label("Hostname") : host(instance);
        return new FleetKey(node, instance);
    }

    private static String host(String instance) {
        int colon = instance.lastIndexOf(':');
        return colon > 0 && !instance.endsWith("]") ? instance.substring(0, colon) : instance;
    }

    @Override
    public int compareTo(FleetKey o) {
        return ORDER.compare(this, o);
    }
}
