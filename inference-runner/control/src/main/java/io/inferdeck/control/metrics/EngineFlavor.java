package io.inferdeck.control.metrics;

import java.util.Objects;

/**
 * Which engine wrote a /metrics page, as shown to the operator ({@code builtin}, {@code llama.cpp},
 * {@code vllm}...). Told apart by the metric name prefix of a {@link MetricsDialect}; each engine
 * driver declares its own, so this is a name, not a closed list.
 */
public record EngineFlavor(String id) {
    /** Nothing we know: every normalized figure is "not available". */
    public static final EngineFlavor UNKNOWN = new EngineFlavor("unknown");

    public EngineFlavor {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("flavor id must not be blank");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
