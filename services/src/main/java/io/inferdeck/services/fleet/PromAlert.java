package io.inferdeck.services.fleet;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One alert Prometheus evaluates ({@code /api/v1/alerts}).
 *
 * @param state {@code firing} or {@code pending}
 */
public record PromAlert(Map<String, String> labels, Map<String, String> annotations, String state, OptionalDouble value) {
    public PromAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    public boolean firing() {
        return "firing".equals(state);
    }

    /** An alert of kind {@code slo} (see the rendered rules): the one {@code fleet status} exits 1 on. */
    public boolean slo() {
        return "slo".equals(labels.get("kind"));
    }
}
