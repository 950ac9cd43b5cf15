package io.inferdeck.gpu.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.gpu.GpuProcess;
import io.inferdeck.gpu.GpuReading;
import io.inferdeck.gpu.GpuSnapshot;

/**
 * JSON form of a snapshot (for {@code inferdeck gpus --json} and scripts). Field names carry
 * their units; an n/a value is JSON null, never 0. Stable field order.
 */
public final class GpuJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GpuJson() {
    }

    public static ObjectNode toTree(GpuSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("at", snapshot.at().toString());
        ObjectNode state = root.putObject("state");
        state.put("status", snapshot.state().status().name());
        state.put("message", snapshot.state().message());
        ArrayNode gpus = root.putArray("gpus");
        for (GpuReading r : snapshot.gpus()) {
            ObjectNode g = gpus.addObject();
            g.put("index", r.index());
            g.put("uuid", r.uuid());
            g.put("name", r.name());
            g.put("pciBusId", r.pciBusId());
            g.put("lost", r.lost());
            g.put("memoryTotalBytes", r.memoryTotalBytes());
            g.put("memoryUsedBytes", r.memoryUsedBytes());
            g.put("memoryFreeBytes", r.memoryFreeBytes());
            g.put("memoryReservedBytes", r.memoryReservedBytes());
            g.put("gpuUtilizationPercent", r.gpuUtilizationPercent());
            g.put("memoryUtilizationPercent", r.memoryUtilizationPercent());
            g.put("temperatureCelsius", r.temperatureCelsius());
            g.put("powerMilliwatts", r.powerMilliwatts());
            g.put("powerLimitMilliwatts", r.powerLimitMilliwatts());
            g.put("smClockMhz", r.smClockMhz());
            g.put("energyMillijoules", r.energyMillijoules());
            if (r.processes() == null) {
                g.putNull("processes");
            } else {
                ArrayNode processes = g.putArray("processes");
                for (GpuProcess p : r.processes()) {
                    ObjectNode pn = processes.addObject();
                    pn.put("pid", p.pid());
                    pn.put("usedMemoryBytes", p.usedMemoryBytes());
                    pn.put("engine", p.engineName());
                    pn.put("command", p.command());
                    pn.put("user", p.user());
                }
            }
        }
        return root;
    }

    /** Indented when {@code pretty}, else one line (for a stream of snapshots, one per line). */
    public static String format(GpuSnapshot snapshot, boolean pretty) {
        try {
            return pretty ? MAPPER.writer(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toTree(snapshot)) : MAPPER.writeValueAsString(toTree(snapshot));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
