package io.inferdeck.services.fleet;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One machine of the fleet: its name (the {@code node} label on every series scraped from it), extra labels
 * for all its targets (rack, zone...), and its targets. Two targets of a node never share a URL.
 */
public record FleetNode(String name, Map<String, String> labels, List<FleetTarget> targets) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Labels Prometheus or InferDeck set themselves. */
    private static final Set<String> RESERVED = Set.of("node", "job", "instance", "role");

    public FleetNode {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: expected letters, digits, '.', '_' or '-' (at most 63), got " + name);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        for (String k : labels.keySet()) {
            if (!LABEL.matcher(k).matches() || k.startsWith("__") || RESERVED.contains(k)) {
                throw new IllegalArgumentException("labels: '" + k + "' is not a label name of your own (reserved: "
                        + String.join(", ", RESERVED.stream().sorted().toList()) + ")");
            }
        }
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets: node " + name + " needs at least one target");
        }
        targets = List.copyOf(targets);
        Set<String> urls = new HashSet<>();
        for (FleetTarget t : targets) {
            if (!urls.add(Objects.requireNonNull(t, "targets: null entry").url())) {
                throw new IllegalArgumentException("targets: " + t.url() + " listed twice on node " + name);
            }
        }
    }

    public List<FleetTarget> targets(FleetRole role) {
        return targets.stream().filter(t -> t.role() == role).toList();
    }
}
