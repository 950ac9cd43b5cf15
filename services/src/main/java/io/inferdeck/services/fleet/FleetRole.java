package io.inferdeck.services.fleet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a scrape target on a node is. The id is the spelling in {@code fleet.yaml} and the Prometheus job
 * name {@code fleet prometheus-config} gives every target of that role.
 */
public enum FleetRole {
    /** An engine's own /metrics (vLLM, SGLang, llama.cpp, TGI, the InferDeck runner). */
    ENGINE("engine"),
    /** The InferDeck gateway's /metrics (its own families, then the engine's page behind it). */
    GATEWAY("gateway"),
    /** NVIDIA's DCGM exporter. */
    DCGM("dcgm"),
    /** InferDeck's own GPU exporter (NVML). */
    GPU_EXPORTER("gpu-exporter"),
    /** Prometheus' node exporter (host CPU, memory, disks). */
    NODE_EXPORTER("node-exporter");

    private final String id;

    FleetRole(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the allowed spellings */
    @JsonCreator
    public static FleetRole of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + id + "' (allowed: "
                        + Arrays.stream(values()).map(FleetRole::id).collect(Collectors.joining(", ")) + ")"));
    }
}
